import fs from 'node:fs';
import path from 'node:path';
import { AppError, formatLocation, type ImportProblem } from '../../../shared/errors.ts';
import { jsonSchemaProblems, readJsonFile } from '../../../shared/json-path.ts';
import { allQuestions, variablesOf } from './answers.ts';
import { AGREE_SCALE } from './fixed-labels.ts';
import {
  questionnaireSchema,
  type Condition,
  type LocalizedText,
  type Question,
  type Questionnaire,
} from './questionnaire.schema.ts';

/** A questionnaire file is wrong: every problem names the file and the place in it. */
export class QuestionnaireError extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    const first = problems[0];
    const summary = first ? `${formatLocation(first)}: ${first.message}` : 'onbekende fout';
    const more = problems.length > 1 ? ` (en nog ${problems.length - 1} problemen)` : '';
    super('BAD_REQUEST', `De vragenlijst is niet geldig. ${summary}${more}`);
    this.name = 'QuestionnaireError';
  }
}

const QUESTION_TYPES =
  'onbekend soort vraag (kies uit single_choice, multiple_choice, grade, agree_scale, matrix, number, open_text, theme_ranking, buurt_choice)';

/** The answer values a condition on this question may name. */
function valuesOf(q: Question): string[] | undefined {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'matrix':
      return q.choices.map((c) => c.value);
    case 'agree_scale':
      return AGREE_SCALE.map((p) => String(p.value));
    case 'grade':
      return Array.from({ length: 10 }, (_, i) => String(i + 1));
    default:
      return undefined;
  }
}

function conditionLeaves(
  c: Condition,
): Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>[] {
  if ('all' in c) return c.all.flatMap(conditionLeaves);
  if ('any' in c) return c.any.flatMap(conditionLeaves);
  if ('not' in c) return conditionLeaves(c.not);
  return [c];
}

/**
 * What zod cannot see: names used twice, skip logic that looks ahead or names an answer that
 * does not exist, weighting on questions that are not there, and languages with missing text.
 */
export function crossCheck(q: Questionnaire, file: string): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const at = (field: string, message: string) => problems.push({ file, field, message });
  const seen = new Map<string, Question>();
  const groups = new Set<string>();
  for (const group of q.groups) {
    if (groups.has(group.name))
      at(`groups (${group.name})`, `groepnaam "${group.name}" staat er twee keer in`);
    groups.add(group.name);
  }
  const checkCondition = (c: Condition | undefined, where: string, own: string) => {
    if (!c) return;
    for (const leaf of conditionLeaves(c)) {
      const target = seen.get(leaf.question);
      if (!target) {
        at(
          where,
          leaf.question === own
            ? 'een vraag kan niet van zichzelf afhangen'
            : `showIf noemt vraag "${leaf.question}", maar die komt niet eerder in de vragenlijst`,
        );
        continue;
      }
      const allowed = valuesOf(target);
      const named =
        'equals' in leaf
          ? [leaf.equals]
          : 'notEquals' in leaf
            ? [leaf.notEquals]
            : 'in' in leaf
              ? leaf.in
              : 'selected' in leaf
                ? [leaf.selected]
                : [];
      for (const v of named) {
        if (allowed && !allowed.includes(String(v))) {
          at(
            where,
            `showIf noemt antwoord "${v}" van vraag "${leaf.question}", maar dat antwoord bestaat niet (wel: ${allowed.join(', ')})`,
          );
        }
      }
      if ('selected' in leaf && target.type !== 'multiple_choice') {
        at(
          where,
          `showIf gebruikt "selected" bij vraag "${leaf.question}", maar dat is geen meerkeuzevraag`,
        );
      }
    }
  };
  const texts: { where: string; text: LocalizedText }[] = [{ where: 'title', text: q.title }];
  for (const group of q.groups) {
    checkCondition(group.showIf, `groups (${group.name}).showIf`, '');
    texts.push({ where: `groups (${group.name}).title`, text: group.title });
    for (const question of group.questions) {
      const where = `groups (${group.name}).questions (${question.name})`;
      checkCondition(question.showIf, `${where}.showIf`, question.name);
      for (const variable of variablesOf(question)) {
        if (seen.has(variable)) at(where, `vraagnaam "${variable}" staat er twee keer in`);
        seen.set(variable, question);
      }
      texts.push({ where: `${where}.text`, text: question.text });
      if ('choices' in question) {
        const values = new Set<string>();
        for (const c of question.choices) {
          if (values.has(c.value))
            at(`${where}.choices (${c.value})`, `antwoordcode "${c.value}" staat er twee keer in`);
          values.add(c.value);
          texts.push({ where: `${where}.choices (${c.value}).label`, text: c.label });
        }
      }
      if (question.type === 'matrix') {
        for (const row of question.rows)
          texts.push({ where: `${where}.rows (${row.name}).text`, text: row.text });
      }
    }
  }
  for (const language of q.languages) {
    for (const { where, text } of texts) {
      if (!text[language])
        at(where, `tekst in taal "${language}" ontbreekt (de vragenlijst noemt die taal)`);
    }
  }
  if (q.weighting) {
    const want = {
      buurt: ['buurt_choice'],
      ageGroup: ['single_choice'],
      sex: ['single_choice'],
    } as const;
    for (const [role, types] of Object.entries(want) as [keyof typeof want, readonly string[]][]) {
      const name = q.weighting[role];
      const question = allQuestions(q).find((x) => x.question.name === name)?.question;
      if (!question) at(`weighting.${role}`, `weging noemt vraag "${name}", maar die bestaat niet`);
      else if (!types.includes(question.type))
        at(
          `weighting.${role}`,
          `weging op vraag "${name}" kan niet: dat moet een ${types.join(' of ')} zijn`,
        );
    }
  }
  return problems;
}

/** Validates a parsed questionnaire; `file` only names the place in messages. */
export function parseQuestionnaire(raw: unknown, file: string): Questionnaire {
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QuestionnaireError(
      jsonSchemaProblems(parsed.error, file, raw, 'name', QUESTION_TYPES),
    );
  }
  const problems = crossCheck(parsed.data, file);
  if (problems.length > 0) throw new QuestionnaireError(problems);
  return parsed.data;
}

/** Reads a questionnaire from a JSON file; a bad file gives a Dutch message with file and path. */
export function loadQuestionnaireJson(file: string): Questionnaire {
  const { name, raw } = readJsonFile(file, (problems) => new QuestionnaireError(problems));
  return parseQuestionnaire(raw, name);
}

/**
 * A new version may add, drop and reword questions, but a question (or matrix row) keeps its
 * type: exports compare a variable across versions, and a grade that becomes a choice would mix
 * numbers and codes in one column.
 */
export function checkNewVersion(previous: Questionnaire, next: Questionnaire): void {
  const problems: ImportProblem[] = [];
  const file = `${next.key} versie ${next.version}`;
  if (previous.key !== next.key) {
    problems.push({
      file,
      message: `een nieuwe versie moet dezelfde sleutel hebben ("${previous.key}")`,
    });
  }
  if (next.version <= previous.version) {
    problems.push({ file, message: `het versienummer moet hoger zijn dan ${previous.version}` });
  }
  const before = new Map<string, Question>();
  for (const { question } of allQuestions(previous))
    for (const v of variablesOf(question)) before.set(v, question);
  for (const { question } of allQuestions(next)) {
    for (const v of variablesOf(question)) {
      const old = before.get(v);
      if (old && old.type !== question.type) {
        problems.push({
          file,
          field: v,
          message: `vraag "${v}" was ${old.type} in versie ${previous.version} en mag niet veranderen in ${question.type}; geef een nieuwe vraag een nieuwe naam`,
        });
      }
    }
  }
  if (problems.length > 0) throw new QuestionnaireError(problems);
}

/**
 * Every questionnaire in a folder (*.json, and *.xlsx when an XLSForm reader is given), each
 * version checked against the one before it. The app loads questionnaires/ at start.
 */
export async function loadQuestionnaires(
  dir: string,
  readXlsx?: (file: string) => Promise<Questionnaire>,
): Promise<Questionnaire[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(json|xlsx)$/i.test(f))
    .sort();
  const out: Questionnaire[] = [];
  for (const f of files) {
    const full = path.join(dir, f);
    if (f.toLowerCase().endsWith('.json')) out.push(loadQuestionnaireJson(full));
    else if (readXlsx) out.push(await readXlsx(full));
  }
  const byKey = new Map<string, Questionnaire[]>();
  for (const q of out) byKey.set(q.key, [...(byKey.get(q.key) ?? []), q]);
  for (const versions of byKey.values()) {
    versions.sort((a, b) => a.version - b.version);
    for (let i = 1; i < versions.length; i++) checkNewVersion(versions[i - 1]!, versions[i]!);
  }
  return out;
}
