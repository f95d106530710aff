import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';
import { login, makeUser } from '../../../../test/security/security-app.ts';
import { allQuestions, conditionHolds, type AnswerValue } from '../definition/answers.ts';
import type { Condition, Question, Questionnaire } from '../definition/questionnaire.schema.ts';
import { readAnswers } from '../responses/response.repository.ts';
import { loadQuestionnaires } from '../definition/load.ts';
import { loadXlsForm } from '../definition/xlsform.ts';
import { projectRoot } from '../../../config.ts';

/**
 * Issue 12: a follow-up question on the same page as the question it depends on is asked in the
 * same visit. Every condition of both shipped questionnaires, in both branches, on the web and
 * in the interviewer channel, walked as a respondent without JavaScript would: fill in what the
 * page shows, post, fill in what it shows then.
 */

type Fields = Record<string, string | string[]>;

/** The form fields of a question, answered in a plain way. */
function plainFields(q: Question): Fields {
  switch (q.type) {
    case 'single_choice':
      return { [q.name]: q.choices[0]!.value };
    case 'multiple_choice':
      return { [q.name]: [q.choices[0]!.value] };
    case 'grade':
      return { [q.name]: '7' };
    case 'agree_scale':
      return { [q.name]: '4' };
    case 'matrix':
      return Object.fromEntries(q.rows.map((r) => [r.name, q.choices[0]!.value]));
    case 'number':
      return { [q.name]: String(q.min ?? 1) };
    case 'open_text':
      return { [q.name]: 'Een antwoord' };
    case 'theme_ranking':
      return { [`${q.name}__wonen`]: '1' };
    case 'buurt_choice':
      return { [q.name]: 'BU05050301' };
  }
}

/** Every answer a question can take, as the form sends it and as it is stored. */
function candidates(q: Question): { form: string | string[]; value: AnswerValue }[] {
  switch (q.type) {
    case 'single_choice':
      return q.choices.map((c) => ({ form: c.value, value: c.value }));
    case 'multiple_choice':
      return q.choices.map((c) => ({ form: [c.value], value: [c.value] }));
    case 'agree_scale':
      return [1, 2, 3, 4, 5].map((n) => ({ form: String(n), value: n }));
    case 'grade':
      return Array.from({ length: 10 }, (_, i) => ({ form: String(i + 1), value: i + 1 }));
    default:
      throw new Error(`no candidates for ${q.type}`);
  }
}

function parentOf(c: Condition): string {
  if ('question' in c) return c.question;
  if ('all' in c) return parentOf(c.all[0]!);
  if ('any' in c) return parentOf(c.any[0]!);
  return parentOf(c.not);
}

interface Case {
  q: Questionnaire;
  followUp: Question;
  parent: Question;
  branch: 'ja' | 'nee';
  parentForm: string | string[];
}

function casesOf(q: Questionnaire): Case[] {
  const byName = new Map(allQuestions(q).map(({ question }) => [question.name, question]));
  return allQuestions(q).flatMap(({ question }) => {
    if (!question.showIf) return [];
    const parent = byName.get(parentOf(question.showIf))!;
    const all = candidates(parent);
    const holds = (v: AnswerValue) => conditionHolds(question.showIf!, { [parent.name]: v });
    const ja = all.find((c) => holds(c.value));
    const nee = all.find((c) => !holds(c.value));
    assert.ok(ja && nee, `${q.key}: ${question.name} has both branches`);
    return [
      { q, followUp: question, parent, branch: 'ja' as const, parentForm: ja.form },
      { q, followUp: question, parent, branch: 'nee' as const, parentForm: nee.form },
    ];
  });
}

const hidden = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );
const onPage = (html: string) => [...html.matchAll(/id="vraag-([a-z0-9_]+)"/g)].map((m) => m[1]!);

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`follow-up questions on the same page [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let interviewer = '';
    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'vervolg@fixture.example', [
        { role: 'interviewer', municipalityCode: 'GM0505' },
      ]);
      interviewer = (await login(t.app, 'vervolg@fixture.example', undefined, '10.7.0.1')).cookie;
    });
    after(async () => {
      await t?.close();
    });

    let visitor = 0;
    /** One walk from start to sent; returns the stored answers and what the pages showed. */
    async function walk(c: Case, channel: 'web' | 'interview') {
      visitor += 1;
      const ip = `10.8.${Math.floor(visitor / 200)}.${visitor % 200}`;
      let cookie = channel === 'interview' ? interviewer : '';
      const jar = new Map<string, string>();
      const remember = (res: LightMyRequestResponse) => {
        for (const k of res.cookies) jar.set(k.name, k.value);
        if (channel === 'web') cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      };
      const get = async (url: string) => {
        const res = await t.app.inject({ url, headers: { cookie }, remoteAddress: ip });
        remember(res);
        return res;
      };
      const post = async (url: string, page: string, fields: Fields) => {
        const body = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...hidden(page), ...fields }))
          for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
        const res = await t.app.inject({
          method: 'POST',
          url,
          payload: body.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          remoteAddress: ip,
        });
        remember(res);
        return res;
      };
      const base =
        channel === 'web'
          ? `/enquete/${c.q.key}`
          : `/werkruimte/GM0505/enquetes/${c.q.key}/interview`;
      const start = await get(base);
      assert.equal(start.statusCode, 200);
      const begun = await post(
        channel === 'web' ? `${base}/start` : `${base}/nieuw`,
        start.body,
        {},
      );
      assert.equal(begun.statusCode, 303, begun.body.slice(0, 300));
      let url = begun.headers.location as string;
      const byName = new Map(allQuestions(c.q).map(({ question }) => [question.name, question]));
      let followUpOnFirstView = false;
      let noticeShown = false;
      for (let guard = 0; !url.endsWith('/versturen'); guard += 1) {
        assert.ok(guard < 40, 'the walk ends');
        let page = await get(url);
        assert.equal(page.statusCode, 200, url);
        if (onPage(page.body).includes(c.parent.name))
          followUpOnFirstView = onPage(page.body).includes(c.followUp.name);
        for (let round = 0; ; round += 1) {
          assert.ok(round < 3, 'a page settles');
          const fields: Fields = {};
          for (const name of onPage(page.body)) {
            const question = byName.get(name)!;
            Object.assign(
              fields,
              name === c.parent.name ? { [name]: c.parentForm } : plainFields(question),
            );
          }
          const res = await post(url, page.body, fields);
          if (res.statusCode === 303) {
            url = res.headers.location as string;
            break;
          }
          assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
          assert.match(res.body, /id="vervolgvraag"/);
          noticeShown = true;
          page = res;
        }
      }
      const send = await get(url);
      const sent = await post(url, send.body, {});
      assert.ok([200, 303].includes(sent.statusCode));
      const row = await t.handle.db
        .selectFrom('survey_responses')
        .select('id')
        .where('questionnaire_key', '=', c.q.key)
        .where('channel', '=', channel === 'web' ? 'web' : 'mondeling')
        .where('status', '!=', 'concept')
        .orderBy('created_at', 'desc')
        .execute();
      return { rows: row.map((r) => r.id), followUpOnFirstView, noticeShown };
    }

    it('asks every follow-up in both branches, on the web and by the interviewer', async () => {
      const questionnaires = ['bewonersenquete-dordt-west', 'professionals-dordt-west'];
      const shipped = await loadQuestionnaires(
        path.join(projectRoot, 'questionnaires'),
        loadXlsForm,
      );
      const cases = shipped.filter((q) => questionnaires.includes(q.key)).flatMap(casesOf);
      // 3 conditions in the resident survey, 2 in the professionals' one, two branches each.
      assert.equal(cases.length, 10);
      for (const channel of ['web', 'interview'] as const) {
        const seen = new Set<string>();
        for (const c of cases) {
          const result = await walk(c, channel);
          const id = result.rows.find((r) => !seen.has(r))!;
          result.rows.forEach((r) => seen.add(r));
          const answers = await readAnswers(t.handle.db, id);
          const what = `${channel} ${c.q.key} ${c.followUp.name} (${c.branch})`;
          assert.deepEqual(answers[c.parent.name] !== undefined, true, what);
          if (c.branch === 'ja') {
            assert.notEqual(answers[c.followUp.name], undefined, `${what}: follow-up stored`);
            // Not on the page until the answer brought it in: asked in the same visit.
            assert.equal(result.followUpOnFirstView, false, what);
            assert.equal(result.noticeShown, true, what);
          } else {
            assert.equal(answers[c.followUp.name], undefined, `${what}: nothing stored`);
          }
        }
      }
    });
  });
}
