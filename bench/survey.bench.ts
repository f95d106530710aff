import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/app.ts';
import { createServices } from '../src/composition.ts';
import type { Answers } from '../src/features/survey/definition/answers.ts';
import { questionnaireSchema } from '../src/features/survey/definition/questionnaire.schema.ts';
import { encodeAnswer } from '../src/features/survey/responses/response.repository.ts';
import { newIdempotencyKey } from '../src/features/survey/responses/response.service.ts';
import { fixtureAllTypes } from '../src/features/survey/test-fixtures.ts';
import { postAll, percentile } from './lib/http-pool.ts';
import { mulberry32 } from './lib/prng.ts';
import { round, timed } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { BenchContext, BenchReport, Benchmark } from './lib/types.ts';

const SUBMISSIONS = 10_000;
const CLIENTS = 100;

const q = questionnaireSchema.parse(fixtureAllTypes);

/** FIXTURE answers, made up from a seeded PRNG: the same 10,000 on every run. */
function fixtureAnswers(n: number): Answers[] {
  const rnd = mulberry32(20_261_129);
  return Array.from({ length: n }, () => {
    const works = rnd() < 0.6;
    return {
      heeft_werk: works ? 'ja' : 'nee',
      ...(works
        ? { uren: 8 + Math.floor(rnd() * 32), tevreden_werk: 1 + Math.floor(rnd() * 5) }
        : {}),
      cijfer_buurt: 1 + Math.floor(rnd() * 10),
      verbeteren: rnd() < 0.5 ? ['groen'] : ['groen', 'verlichting'],
      st_schoon: 'eens',
      st_veilig: rnd() < 0.5 ? 'neutraal' : 'oneens',
      woonbuurt: 'BU05050301',
    };
  });
}

/**
 * Baseline: the same responses and answers into the same migrated schema with better-sqlite3
 * directly, one transaction per response (as the app commits each before it answers).
 */
function bareInsert(file: string, all: readonly Answers[]): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    const now = new Date().toISOString();
    db.prepare(
      `insert into survey_questionnaire_versions (questionnaire_key, version, definition, loaded_at) values (?, ?, ?, ?)`,
    ).run(q.key, q.version, JSON.stringify(q), now);
    const response = db.prepare(
      `insert into survey_responses (id, questionnaire_key, version, channel, language, status, idempotency_key, created_at, submitted_at)
       values (?, ?, ?, 'web', 'nl', 'ingediend', ?, ?, ?)`,
    );
    const answer = db.prepare(
      `insert into survey_answers (response_id, variable, value_text, value_number) values (?, ?, ?, ?)`,
    );
    const one = db.transaction((answers: Answers) => {
      const id = randomUUID();
      response.run(id, q.key, q.version, newIdempotencyKey(), now, now);
      for (const [variable, value] of Object.entries(answers)) {
        if (value === undefined) continue;
        const v = encodeAnswer(value);
        answer.run(id, variable, v.value_text, v.value_number);
      }
    });
    for (const a of all) one(a);
  } finally {
    db.close();
  }
}

async function run(ctx: BenchContext): Promise<BenchReport> {
  const n = Math.max(100, Math.round(SUBMISSIONS * ctx.scale));
  const answers = fixtureAnswers(n);

  ctx.log(`baseline: ${n} antwoorden rechtstreeks in SQLite`);
  const baseDb = await createBenchDb(ctx.tmpDir, 'baseline');
  await baseDb.destroy();
  const base = await timed(() => bareInsert(baseDb.file, answers));

  ctx.log(`HTTP: ${n} inzendingen, ${CLIENTS} clients`);
  const handle = await createBenchDb(ctx.tmpDir, 'http');
  const app = await buildApp({
    services: createServices(handle, {
      datasetsDir: ctx.tmpDir,
      questionnaires: [q],
      surveySubmitsPerMinute: n * 2,
    }),
    sessionSecret: randomBytes(32).toString('base64url'),
  });
  let stored = -1;
  let results;
  let httpMs;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/enquetes/${q.key}/antwoorden`;
    const requests = answers.map((a) => ({
      headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
      body: JSON.stringify({ taal: 'nl', antwoorden: a }),
    }));
    const t = await timed(() => postAll(url, requests, CLIENTS));
    results = t.value;
    httpMs = t.ms;
    const row = await handle.db
      .selectFrom('survey_responses')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    stored = Number(row.n);
  } finally {
    await app.close();
    await handle.destroy();
  }
  const created = results.filter((r) => r.status === 201).length;
  const failures = results.length - created;
  const latencies = results.map((r) => r.ms);
  const httpRate = n / (httpMs / 1000);
  const baseRate = n / (base.ms / 1000);
  const ratio = httpRate / baseRate;
  const integrity = stored === n && failures === 0;
  return {
    name: 'survey',
    tables: [
      {
        title: `Enquête: ${n} inzendingen (FIXTURE-antwoorden), SQLite-bestand (WAL)`,
        columns: ['meting', 'ms totaal', 'per seconde', 'p50 ms', 'p99 ms', '× baseline'],
        rows: [
          [
            'baseline: better-sqlite3, 1 transactie per antwoord',
            round(base.ms),
            round(baseRate),
            '-',
            '-',
            1,
          ],
          [
            `HTTP POST, ${CLIENTS} clients, loopback`,
            round(httpMs),
            round(httpRate),
            round(percentile(latencies, 50), 1),
            round(percentile(latencies, 99), 1),
            round(ratio, 3),
          ],
        ],
      },
    ],
    // Issue 5 asks for the ratio, and sets no target for it: reported, not judged.
    targets: [],
    notes: [
      `HTTP haalt ${round(ratio * 100, 1)} % van de kale insert (${round(httpRate)} tegen ${round(baseRate)} per seconde).`,
      `Integriteit: ${stored} antwoorden in de database, ${created} keer 201, ${failures} mislukt — ${integrity ? 'klopt (precies ' + n + ')' : 'KLOPT NIET'}.`,
    ],
    json: {
      submissions: n,
      clients: CLIENTS,
      baselineMs: base.ms,
      httpMs,
      httpPerSecond: httpRate,
      baselinePerSecond: baseRate,
      ratio,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      stored,
      failures,
      integrity,
    },
  };
}

export const surveyBenchmark: Benchmark = {
  name: 'survey',
  title: 'Enquête: 10.000 inzendingen over HTTP tegen een kale insert',
  run,
};
