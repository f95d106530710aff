import { BadRequestError } from '../../../shared/errors.ts';
import { allQuestions } from '../definition/answers.ts';
import type { Choice, Question, Questionnaire } from '../definition/questionnaire.schema.ts';
import {
  AGREE_DONT_KNOW_CODE,
  AGREE_LABELS,
  CHOSEN_LABELS,
  NOT_RANKED_CODE,
  RANKED_THEMES,
  THEME_LABELS,
} from './labels.ts';
import type { ExportVariable } from './model.ts';

/**
 * The question variables of all versions of one questionnaire: the union over versions, with
 * names that never change. Questions appear in the order they were first seen; the columns of one
 * question (matrix rows, multiple-choice options, ranked themes) stay together, new ones after
 * the ones seen before. Single-choice codes are given once, 1..k in choice order, and a value
 * keeps its code in later versions; a new value gets the next free code.
 */

/** How one variable's value is taken from a response of one version. */
export type Extract =
  | { kind: 'code'; answerKey: string; codes: ReadonlyMap<string, number> }
  | { kind: 'chosen'; answerKey: string; value: string }
  | { kind: 'rank'; answerKey: string; theme: string }
  | { kind: 'agree'; answerKey: string }
  | { kind: 'number'; answerKey: string }
  | { kind: 'text'; answerKey: string };

/** What a version asks: the question behind every answer key, and how to fill each variable. */
export interface VersionPlan {
  questions: Map<string, { question: Question; choices?: Choice[] }>;
  extracts: Map<string, Extract>;
}

export interface Catalogue {
  variables: ExportVariable[];
  plans: Map<number, VersionPlan>;
}

interface Builder {
  variable: ExportVariable;
  /** Single choice and matrix rows: value → code, and the newest label and missing flag. */
  codes: Map<string, number>;
  choiceLabels: Map<string, { label: string; missing: boolean }>;
}

/** Registers one variable of the question being read; returns its builder. */
type Use = (
  name: string,
  label: string,
  make: () => Omit<ExportVariable, 'name' | 'label' | 'kind' | 'question' | 'theme' | 'versions'>,
  extract: (b: Builder) => Extract,
) => Builder;

export function buildCatalogue(versions: readonly Questionnaire[]): Catalogue {
  const builders = new Map<string, Builder>();
  const owners = new Map<string, string>();
  const types = new Map<string, { type: Question['type']; version: number }>();
  const slots: { question: string; vars: string[] }[] = [];
  const plans = new Map<number, VersionPlan>();

  for (const q of versions) {
    const plan: VersionPlan = { questions: new Map(), extracts: new Map() };
    plans.set(q.version, plan);
    for (const { question } of allQuestions(q)) {
      const earlier = types.get(question.name);
      if (earlier && earlier.type !== question.type) {
        throw new BadRequestError(
          `Vraag "${question.name}" is in versie ${q.version} van het type ${question.type}, ` +
            `maar in versie ${earlier.version} van het type ${earlier.type}. ` +
            'Een nieuwe versie mag het vraagtype niet veranderen.',
        );
      }
      if (!earlier) types.set(question.name, { type: question.type, version: q.version });
      let slot = slots.find((s) => s.question === question.name);
      if (!slot) {
        slot = { question: question.name, vars: [] };
        slots.push(slot);
      }
      const vars = slot.vars;

      const use: Use = (name, label, make, extract) => {
        const owner = owners.get(name);
        if (owner !== undefined && owner !== question.name) {
          throw new BadRequestError(
            `Variabele "${name}" komt uit vraag "${question.name}" (versie ${q.version}) en ` +
              `ook uit vraag "${owner}". Elke variabele moet een eigen naam hebben.`,
          );
        }
        if (plan.extracts.has(name)) {
          throw new BadRequestError(
            `Variabele "${name}" komt in versie ${q.version} twee keer voor (bij vraag ` +
              `"${question.name}"). Elke vraag, matrixrij en antwoordcode moet een eigen naam hebben.`,
          );
        }
        owners.set(name, question.name);
        let builder = builders.get(name);
        if (!builder) {
          builder = {
            variable: { name, label, kind: question.type, versions: [], ...make() },
            codes: new Map(),
            choiceLabels: new Map(),
          };
          builders.set(name, builder);
          vars.push(name);
        }
        // Versions are read oldest first, so labels and texts end up in the newest wording.
        const v = builder.variable;
        v.label = label;
        v.question = { name: question.name, text: question.text.nl };
        v.theme = question.theme;
        v.versions.push(q.version);
        plan.extracts.set(name, extract(builder));
        return builder;
      };
      addQuestion(question, plan, use);
    }
  }

  for (const builder of builders.values()) finishCodes(builder);
  const variables = slots.flatMap((s) => s.vars.map((name) => builders.get(name)!.variable));
  return { variables, plans };
}

const plain = (rest: Partial<ExportVariable> & Pick<ExportVariable, 'storage' | 'measure'>) => ({
  decimals: 0,
  valueLabels: [],
  missingCodes: [],
  ...rest,
});

function addQuestion(question: Question, plan: VersionPlan, use: Use): void {
  const text = question.text.nl;
  switch (question.type) {
    case 'single_choice':
      plan.questions.set(question.name, { question, choices: question.choices });
      codedVariable(question.name, text, question.choices, use);
      return;
    case 'matrix':
      for (const row of question.rows) {
        plan.questions.set(row.name, { question, choices: question.choices });
        const b = codedVariable(row.name, `${text}: ${row.text.nl}`, question.choices, use);
        b.variable.theme = row.theme ?? question.theme;
      }
      return;
    case 'multiple_choice':
      plan.questions.set(question.name, { question, choices: question.choices });
      for (const choice of question.choices) {
        use(
          `${question.name}_${choice.value}`,
          `${text}: ${choice.label.nl}`,
          () =>
            plain({
              storage: 'numeric',
              measure: 'nominal',
              valueLabels: CHOSEN_LABELS.map((l) => ({ ...l })),
            }),
          () => ({ kind: 'chosen', answerKey: question.name, value: choice.value }),
        );
      }
      return;
    case 'theme_ranking':
      plan.questions.set(question.name, { question });
      for (const theme of RANKED_THEMES) {
        use(
          `${question.name}_${theme.replace(/-/g, '_')}`,
          `${text}: plaats van ${THEME_LABELS[theme]}`,
          () =>
            plain({
              storage: 'numeric',
              measure: 'ordinal',
              valueLabels: [
                { code: NOT_RANKED_CODE, label: 'Niet gerangschikt' },
                ...RANKED_THEMES.map((_, i) => ({
                  code: i + 1,
                  label: i === 0 ? '1 (belangrijkst)' : String(i + 1),
                })),
              ],
              missingCodes: [NOT_RANKED_CODE],
            }),
          () => ({ kind: 'rank', answerKey: question.name, theme }),
        );
      }
      return;
    case 'agree_scale': {
      plan.questions.set(question.name, { question });
      const b = use(
        question.name,
        text,
        () =>
          plain({
            storage: 'numeric',
            measure: 'ordinal',
            valueLabels: AGREE_LABELS.map((label, i) => ({ code: i + 1, label })),
          }),
        () => ({ kind: 'agree', answerKey: question.name }),
      );
      const v = b.variable;
      if (question.dontKnow && !v.missingCodes.includes(AGREE_DONT_KNOW_CODE)) {
        v.valueLabels.push({ code: AGREE_DONT_KNOW_CODE, label: 'Weet niet' });
        v.missingCodes.push(AGREE_DONT_KNOW_CODE);
      }
      return;
    }
    case 'grade':
    case 'number': {
      plan.questions.set(question.name, { question });
      const b = use(
        question.name,
        text,
        () => plain({ storage: 'numeric', measure: 'scale' }),
        () => ({ kind: 'number', answerKey: question.name }),
      );
      if (question.type === 'number' && !question.integer) b.variable.decimals = 2;
      return;
    }
    case 'open_text':
    case 'buurt_choice':
      plan.questions.set(question.name, { question });
      use(
        question.name,
        text,
        () => plain({ storage: 'string', measure: 'nominal' }),
        () => ({ kind: 'text', answerKey: question.name }),
      );
      return;
    default: {
      const never: never = question;
      throw new Error(`onbekend vraagtype ${JSON.stringify(never)}`);
    }
  }
}

/** Single choice or matrix row: codes 1..k in first-seen order, kept once given. */
function codedVariable(name: string, label: string, choices: readonly Choice[], use: Use) {
  const builder = use(
    name,
    label,
    () => plain({ storage: 'numeric', measure: 'nominal' }),
    (b) => ({ kind: 'code', answerKey: name, codes: b.codes }),
  );
  for (const choice of choices) {
    if (!builder.codes.has(choice.value)) builder.codes.set(choice.value, builder.codes.size + 1);
    builder.choiceLabels.set(choice.value, {
      label: choice.label.nl,
      missing: choice.missing === true,
    });
  }
  return builder;
}

function finishCodes({ variable, codes, choiceLabels }: Builder): void {
  if (codes.size === 0) return;
  const entries = [...codes].sort((a, b) => a[1] - b[1]);
  variable.valueLabels = entries.map(([value, code]) => ({
    code,
    label: choiceLabels.get(value)!.label,
  }));
  variable.missingCodes = entries
    .filter(([value]) => choiceLabels.get(value)!.missing)
    .map(([, code]) => code);
}
