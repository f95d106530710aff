import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { actorOf } from '../accounts/account.service.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  catalogueSchema,
  type Catalogue,
  type Indicator,
  type Measure,
} from '../indicators/catalogue.schema.ts';
import { activeCatalogueVersion, insertCatalogueVersion } from '../indicators/catalogue.store.ts';
import type { Actor, Errors } from './focus-area-editing.service.ts';
import { CATALOGUE_ENTITY } from './workspace.repository.ts';

export type Polarity = Indicator['polarity'];
export const POLARITY_LABEL: Record<Polarity, string> = {
  'hoger-is-beter': 'Hoger is beter',
  'lager-is-beter': 'Lager is beter',
  neutraal: 'Neutraal (geen richting)',
};

export const DEFINITION_MAX = 2000;
export const NOTE_MAX = 500;

export const variableField = (i: number): string => `bron_variabele_${i}`;

export interface IndicatorFormValues {
  baseVersion: number;
  definition: string;
  polarity: string;
  tableId: string;
  variables: string[];
  unit: string;
  decimals: string;
  note: string;
}

export function indicatorFormValues(ind: Indicator, baseVersion: number): IndicatorFormValues {
  return {
    baseVersion,
    definition: ind.definition,
    polarity: ind.polarity,
    tableId: ind.source.tableId ?? '',
    variables: [...ind.source.variables],
    unit: ind.unit,
    decimals: String(ind.decimals),
    note: '',
  };
}

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

/** A renamed stem is renamed in the measure too, so the rule keeps reading the declared source. */
function renameInMeasure(measure: Measure, renames: Map<string, string>): Measure {
  const r = (s: string) => renames.get(s) ?? s;
  const rl = (s: string | string[]) => (typeof s === 'string' ? r(s) : s.map(r));
  switch (measure.type) {
    case 'count':
    case 'median':
      return { ...measure, variable: r(measure.variable) };
    case 'ratio':
      return { ...measure, numerator: rl(measure.numerator), denominator: rl(measure.denominator) };
    case 'share_published':
    case 'mean':
    case 'model_estimate':
      return { ...measure, variable: r(measure.variable), base: r(measure.base) };
    case 'survey_proportion':
      return measure;
  }
}

/** "2026.3" → "2026.4"; in a new year → "<year>.1". Keeps the file's version format. */
export function nextCatalogueLabel(current: string, now: Date): string {
  const year = now.getUTCFullYear();
  const m = /^(\d{4})\.(\d+)$/.exec(current);
  return m && Number(m[1]) === year ? `${year}.${Number(m[2]) + 1}` : `${year}.1`;
}

function fieldOf(path: readonly PropertyKey[]): string | undefined {
  const [first, second, third] = path;
  if (first === 'definition') return 'definitie';
  if (first === 'polarity') return 'polariteit';
  if (first === 'unit') return 'eenheid';
  if (first === 'decimals') return 'decimalen';
  if (first === 'source' && second === 'tableId') return 'bron_tabel';
  if (first === 'source' && second === 'variables')
    return variableField(typeof third === 'number' ? third : 0);
  if (first === 'measure') return variableField(0);
  return undefined;
}

function dutch(issue: z.core.$ZodIssue, field: string | undefined): string {
  if (field === 'decimalen' && (issue.code === 'too_big' || issue.code === 'too_small'))
    return 'Kies 0, 1, 2 of 3 decimalen.';
  if (issue.code === 'too_small') return 'Vul dit veld in.';
  if (issue.code === 'too_big') return 'Deze waarde is te groot.';
  if (issue.code === 'invalid_value') return 'Kies een waarde uit de lijst.';
  if (issue.code === 'invalid_type') return 'Vul dit veld in.';
  return issue.message;
}

export type IndicatorSaveResult =
  | { ok: true; version: number }
  | {
      ok: false;
      status: 409 | 422;
      errors: Errors;
      message?: string;
      values: IndicatorFormValues;
    };

export async function findActiveIndicator(
  db: Kysely<Database>,
  key: string,
): Promise<{ indicator: Indicator; catalogue: Catalogue; baseVersion: number }> {
  const active = await activeCatalogueVersion(db);
  const indicator = active.catalogue.indicators.find((i) => i.key === key);
  if (!indicator) throw new NotFoundError(`Er is geen indicator "${key}" in de catalogus.`);
  return { indicator, catalogue: active.catalogue, baseVersion: active.version?.version ?? 0 };
}

/**
 * Saves an edit of one indicator as a new catalogue version, validated with the same schema as
 * the file, with an audit entry in the same transaction. Every problem is named by its field and
 * nothing is written.
 */
export async function saveIndicatorForm(
  db: Kysely<Database>,
  input: { key: string; actor: Actor; form: Record<string, unknown>; at?: Date },
): Promise<IndicatorSaveResult> {
  const at = input.at ?? new Date();
  const { indicator, catalogue, baseVersion } = await findActiveIndicator(db, input.key);
  const form = input.form;
  const rawBase = text(form.versie);
  const values: IndicatorFormValues = {
    baseVersion: /^\d{1,6}$/.test(rawBase) ? Number(rawBase) : -1,
    definition: text(form.definitie),
    polarity: text(form.polariteit),
    tableId: text(form.bron_tabel),
    variables: indicator.source.variables.map((_, i) => text(form[variableField(i)])),
    unit: text(form.eenheid),
    decimals: text(form.decimalen),
    note: text(form.notitie),
  };
  const errors: Errors = {};
  if (values.definition.length > DEFINITION_MAX)
    errors.definitie = `De definitie is te lang. Gebruik hoogstens ${DEFINITION_MAX} tekens.`;
  if (!/^\d{1,2}$/.test(values.decimals)) errors.decimalen = 'Kies 0, 1, 2 of 3 decimalen.';
  if (values.note === '')
    errors.notitie = 'Schrijf kort op wat u verandert en waarom. Dit komt in de geschiedenis.';
  else if (values.note.length > NOTE_MAX)
    errors.notitie = `De notitie is te lang. Gebruik hoogstens ${NOTE_MAX} tekens.`;

  const renames = new Map<string, string>();
  indicator.source.variables.forEach((old, i) => {
    const now = values.variables[i] ?? old;
    if (now !== old) renames.set(old, now);
  });
  const edited: Indicator = {
    ...indicator,
    definition: values.definition,
    polarity: values.polarity as Polarity,
    source: {
      ...indicator.source,
      tableId: values.tableId === '' ? null : values.tableId,
      variables: [...values.variables],
    },
    unit: values.unit,
    decimals: errors.decimalen ? indicator.decimals : Number(values.decimals),
    measure: renameInMeasure(indicator.measure, renames),
  };
  const index = catalogue.indicators.findIndex((i) => i.key === indicator.key);
  const next: Catalogue = {
    ...catalogue,
    version: nextCatalogueLabel(catalogue.version, at),
    indicators: catalogue.indicators.map((ind, i) => (i === index ? edited : ind)),
  };
  const parsed = catalogueSchema.safeParse(next);
  let message: string | undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [a, b, ...rest] = issue.path;
      const field = a === 'indicators' && b === index ? fieldOf(rest) : undefined;
      if (field && !errors[field]) errors[field] = dutch(issue, field);
      else if (!field) message ??= `De catalogus klopt dan niet meer: ${issue.message}`;
    }
  }
  const fail = (status: 409 | 422, msg?: string): IndicatorSaveResult => ({
    ok: false,
    status,
    errors,
    values,
    ...(msg ? { message: msg } : {}),
  });
  if (Object.keys(errors).length > 0 || message) return fail(422, message);
  if (JSON.stringify(edited) === JSON.stringify(indicator))
    return fail(422, 'U heeft niets veranderd. Er is geen nieuwe versie gemaakt.');
  if (values.baseVersion !== baseVersion) {
    return fail(
      409,
      'Iemand heeft de catalogus intussen gewijzigd. Uw wijziging is niet bewaard. Laad de pagina opnieuw en doe uw wijziging dan nog een keer.',
    );
  }
  const version = await db.transaction().execute(async (trx) => {
    const current = await activeCatalogueVersion(trx);
    if ((current.version?.version ?? 0) !== baseVersion) return null;
    const v = await insertCatalogueVersion(trx, {
      catalogue: next,
      note: values.note,
      createdBy: actorOf(input.actor),
      createdAt: at,
    });
    await recordAudit(
      trx,
      {
        actor: actorOf(input.actor),
        action: 'indicator.gewijzigd',
        entity: CATALOGUE_ENTITY,
        entityId: indicator.key,
        // The catalogue is shared by every municipality.
        municipalityCode: null,
        before: { catalogusversie: baseVersion, indicator },
        after: { catalogusversie: v, notitie: values.note, indicator: edited },
      },
      at,
    );
    return v;
  });
  return version === null
    ? fail(
        409,
        'Iemand heeft de catalogus intussen gewijzigd. Uw wijziging is niet bewaard. Laad de pagina opnieuw en doe uw wijziging dan nog een keer.',
      )
    : { ok: true, version };
}
