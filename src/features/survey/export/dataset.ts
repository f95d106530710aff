import { BadRequestError } from '../../../shared/errors.ts';
import { CHANNELS, LANGUAGES, type Questionnaire } from '../definition/questionnaire.schema.ts';
import { checkAnswers, valueOf } from './answer-values.ts';
import { buildCatalogue } from './catalogue.ts';
import { CHANNEL_LABELS, LANGUAGE_LABELS } from './labels.ts';
import type { DatasetValue, DatasetWeighting, ExportVariable, SurveyDataset } from './model.ts';
import {
  exportResponseSchema,
  type ExportResponse,
  type ExportResponseInput,
} from './response.schema.ts';

/**
 * Builds the export dataset once: metadata columns, then the question variables of every
 * version. A response of a version gets missing values for variables its version does not have.
 */

/** The names of the metadata columns; a question with one of these names is refused. */
export const META = {
  id: 'respons_id',
  version: 'versie',
  channel: 'kanaal',
  language: 'taal',
  status: 'status',
  date: 'datum',
  buurt: 'weegbuurt',
  weight: 'gewicht',
  populationWeight: 'gewicht_populatie',
  untrimmedWeight: 'gewicht_ongetrimd',
} as const;

function meta(
  name: string,
  label: string,
  rest: Partial<ExportVariable> & Pick<ExportVariable, 'storage' | 'measure'>,
): ExportVariable {
  return {
    name,
    label,
    kind: 'meta',
    decimals: 0,
    valueLabels: [],
    missingCodes: [],
    versions: [],
    ...rest,
  };
}

function metaVariables(versions: number[]): ExportVariable[] {
  return [
    meta(META.id, 'Responsnummer', { storage: 'string', measure: 'nominal', versions }),
    meta(META.version, 'Versie van de vragenlijst', {
      storage: 'numeric',
      measure: 'ordinal',
      versions,
    }),
    meta(META.channel, 'Kanaal', {
      storage: 'numeric',
      measure: 'nominal',
      valueLabels: CHANNELS.map((c, i) => ({ code: i + 1, label: CHANNEL_LABELS[c] })),
      versions,
    }),
    meta(META.language, 'Taal van de vragenlijst', {
      storage: 'numeric',
      measure: 'nominal',
      valueLabels: LANGUAGES.map((l, i) => ({ code: i + 1, label: LANGUAGE_LABELS[l] })),
      versions,
    }),
    meta(META.status, 'Status van de respons', { storage: 'string', measure: 'nominal', versions }),
    // A date, not a time: the time of day could link a response to an interview or a visit.
    meta(META.date, 'Datum van invullen (Nederlandse tijd)', {
      storage: 'date',
      measure: 'scale',
      versions,
    }),
    meta(META.buurt, 'Buurt waarop gewogen is (CBS-code)', {
      storage: 'string',
      measure: 'nominal',
      versions,
    }),
    meta(META.weight, 'Weegfactor, geschaald op de steekproef (gemiddeld 1)', {
      storage: 'numeric',
      measure: 'scale',
      decimals: 4,
      versions,
    }),
    meta(META.populationWeight, 'Weegfactor op bevolkingsschaal (som = inwoners 15+)', {
      storage: 'numeric',
      measure: 'scale',
      decimals: 4,
      versions,
    }),
    meta(META.untrimmedWeight, 'Weegfactor voor het afkappen (bevolkingsschaal)', {
      storage: 'numeric',
      measure: 'scale',
      decimals: 4,
      versions,
    }),
  ];
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function metaValues(r: ExportResponse): DatasetValue[] {
  return [
    r.id,
    r.version,
    CHANNELS.indexOf(r.channel) + 1,
    LANGUAGES.indexOf(r.language) + 1,
    r.status,
    amsterdamDate.format(r.submittedAt),
    r.buurt ?? null,
    r.weight ?? null,
    r.populationWeight ?? null,
    r.untrimmedWeight ?? null,
  ];
}

function checkVersions(questionnaires: readonly Questionnaire[]): Questionnaire[] {
  if (questionnaires.length === 0) {
    throw new BadRequestError('Er is geen versie van de vragenlijst om te exporteren.');
  }
  const key = questionnaires[0]!.key;
  const other = questionnaires.find((q) => q.key !== key);
  if (other) {
    throw new BadRequestError(
      `Een export gaat over één vragenlijst: "${key}" en "${other.key}" zijn verschillend.`,
    );
  }
  const sorted = [...questionnaires].sort((a, b) => a.version - b.version);
  sorted.forEach((q, i) => {
    if (i > 0 && sorted[i - 1]!.version === q.version) {
      throw new BadRequestError(`Versie ${q.version} van "${key}" staat er twee keer in.`);
    }
  });
  return sorted;
}

export function buildDataset(
  questionnaires: readonly Questionnaire[],
  responses: readonly ExportResponseInput[],
  weighting?: DatasetWeighting,
): SurveyDataset {
  const versions = checkVersions(questionnaires);
  const versionNumbers = versions.map((q) => q.version);
  const catalogue = buildCatalogue(versions);
  const variables = [...metaVariables(versionNumbers), ...catalogue.variables];

  const seen = new Set<string>();
  for (const v of variables) {
    if (seen.has(v.name)) {
      throw new BadRequestError(
        `De variabelenaam "${v.name}" komt twee keer voor` +
          (v.question ? ` (bij vraag "${v.question.name}")` : '') +
          '. Geef de vraag of antwoordcode een andere naam.',
      );
    }
    seen.add(v.name);
  }

  const rows = responses.map((input, index) => {
    const parsed = exportResponseSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadRequestError(
        `Respons ${index + 1} in de lijst, veld "${issue.path.join('.')}": ${issue.message}`,
      );
    }
    const r = parsed.data;
    const plan = catalogue.plans.get(r.version);
    if (!plan) {
      throw new BadRequestError(
        `Respons ${r.id} hoort bij versie ${r.version}, maar die versie van "${versions[0]!.key}" ` +
          'is niet meegegeven.',
      );
    }
    const answers = checkAnswers(r.id, r.version, r.answers, plan);
    return [
      ...metaValues(r),
      ...catalogue.variables.map((v) => {
        const extract = plan.extracts.get(v.name);
        return extract ? valueOf(extract, answers) : null;
      }),
    ];
  });

  const latest = versions.at(-1)!;
  const weighted = rows.some(
    (row) => row[variables.findIndex((v) => v.name === META.weight)] !== null,
  );
  return {
    key: latest.key,
    title: latest.title.nl,
    versions: versionNumbers,
    variables,
    rows,
    ...(weighted ? { weightVariable: META.weight } : {}),
    ...(weighting ? { weighting } : {}),
  };
}
