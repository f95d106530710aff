import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { randomUUID } from 'node:crypto';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { actorOf, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  catalogueSchema,
  type Catalogue,
  type Indicator,
  type Polarity,
  type Measure,
} from './catalogue.schema.ts';
import { activeCatalogueVersion, insertCatalogueVersion } from './catalogue.store.ts';
import {
  decideCatalogueProposal,
  findCatalogueProposal,
  insertCatalogueProposal,
  listCatalogueProposals,
} from './catalogue-proposal.repository.ts';
import type { CatalogueProposal } from './catalogue-proposal.table.ts';

/** Dutch messages per form field. */
type Errors = Record<string, string>;

/** The audit log's name for a change of the shared indicator catalogue. */
export const CATALOGUE_ENTITY = 'indicatorcatalogus';

class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

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

type EditCheck =
  | {
      ok: true;
      indicator: Indicator;
      edited: Indicator;
      next: Catalogue;
      baseVersion: number;
      values: IndicatorFormValues;
    }
  | Extract<IndicatorSaveResult, { ok: false }>;

const STALE =
  'Iemand heeft de catalogus intussen gewijzigd. Uw wijziging is niet bewaard. Laad de pagina opnieuw en doe uw wijziging dan nog een keer.';

/**
 * Reads and validates the edit form of one indicator against the active catalogue, with the
 * same schema as the file. Every problem is named by its field; nothing is written.
 */
async function checkIndicatorForm(
  db: Kysely<Database>,
  input: { key: string; form: Record<string, unknown>; at: Date },
): Promise<EditCheck> {
  const at = input.at;
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
  const next = withIndicator(catalogue, edited, at);
  const parsed = catalogueSchema.safeParse(next);
  const index = catalogue.indicators.findIndex((i) => i.key === indicator.key);
  let message: string | undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [a, b, ...rest] = issue.path;
      const field = a === 'indicators' && b === index ? fieldOf(rest) : undefined;
      if (field && !errors[field]) errors[field] = dutch(issue, field);
      else if (!field) message ??= `De catalogus klopt dan niet meer: ${issue.message}`;
    }
  }
  const fail = (status: 409 | 422, msg?: string): Extract<IndicatorSaveResult, { ok: false }> => ({
    ok: false,
    status,
    errors,
    values,
    ...(msg ? { message: msg } : {}),
  });
  if (Object.keys(errors).length > 0 || message) return fail(422, message);
  if (JSON.stringify(edited) === JSON.stringify(indicator))
    return fail(422, 'U heeft niets veranderd. Er is geen nieuwe versie gemaakt.');
  if (values.baseVersion !== baseVersion) return fail(409, STALE);
  return { ok: true, indicator, edited, next, baseVersion, values };
}

/** The catalogue with one indicator replaced, under the next version label. */
function withIndicator(catalogue: Catalogue, edited: Indicator, at: Date): Catalogue {
  return {
    ...catalogue,
    version: nextCatalogueLabel(catalogue.version, at),
    indicators: catalogue.indicators.map((ind) => (ind.key === edited.key ? edited : ind)),
  };
}

/**
 * Saves an edit of one indicator as a new catalogue version (the national role, catalogue:edit),
 * with an audit entry in the same transaction. Every problem is named by its field and
 * nothing is written.
 */
export async function saveIndicatorForm(
  db: Kysely<Database>,
  input: { key: string; actor: Actor; form: Record<string, unknown>; at?: Date },
): Promise<IndicatorSaveResult> {
  const at = input.at ?? new Date();
  const check = await checkIndicatorForm(db, { key: input.key, form: input.form, at });
  if (!check.ok) return check;
  const { indicator, edited, next, baseVersion, values } = check;
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
    ? { ok: false, status: 409, errors: {}, values, message: STALE }
    : { ok: true, version };
}

export type ProposalResult = { ok: true; id: string } | Extract<IndicatorSaveResult, { ok: false }>;

/**
 * A municipality proposes a change to one indicator (catalogue:propose). Validated exactly like
 * a direct edit; stored as an open proposal for the national role, audited in the municipality.
 */
export async function proposeIndicatorChange(
  db: Kysely<Database>,
  input: {
    key: string;
    actor: Actor;
    municipalityCode: string;
    form: Record<string, unknown>;
    at?: Date;
  },
): Promise<ProposalResult> {
  const at = input.at ?? new Date();
  const check = await checkIndicatorForm(db, { key: input.key, form: input.form, at });
  if (!check.ok) return check;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertCatalogueProposal(trx, {
      id,
      indicator_key: check.indicator.key,
      base_version: check.baseVersion,
      proposed: JSON.stringify(check.edited),
      note: check.values.note,
      municipality_code: input.municipalityCode,
      proposed_by: actorOf(input.actor),
      proposed_at: at.toISOString(),
      status: 'open',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      result_version: null,
    });
    await recordAudit(
      trx,
      {
        actor: actorOf(input.actor),
        action: 'catalogusvoorstel.ingediend',
        entity: CATALOGUE_ENTITY,
        entityId: check.indicator.key,
        municipalityCode: input.municipalityCode,
        before: { catalogusversie: check.baseVersion, indicator: check.indicator },
        after: { voorstel: id, notitie: check.values.note, indicator: check.edited },
      },
      at,
    );
  });
  return { ok: true, id };
}

export interface ProposalView {
  proposal: CatalogueProposal;
  current: Indicator | undefined;
  proposed: Indicator;
  /** The catalogue changed after the proposal was made: it can only be rejected. */
  outdated: boolean;
}

export async function listProposalViews(db: Kysely<Database>): Promise<ProposalView[]> {
  const active = await activeCatalogueVersion(db);
  const version = active.version?.version ?? 0;
  return (await listCatalogueProposals(db)).map((proposal) => ({
    proposal,
    current: active.catalogue.indicators.find((i) => i.key === proposal.indicator_key),
    proposed: JSON.parse(proposal.proposed) as Indicator,
    outdated: proposal.base_version !== version,
  }));
}

export type DecisionResult = { ok: true; version?: number } | { ok: false; message: string };

/**
 * The national role accepts (a new catalogue version) or rejects (with a reason) an open
 * proposal. Audited in the proposing municipality's log and, for an acceptance, as a change of
 * the catalogue too; all in one transaction.
 */
export async function decideProposal(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; accept: boolean; reason: string; at?: Date },
): Promise<DecisionResult> {
  const at = input.at ?? new Date();
  const proposal = await findCatalogueProposal(db, input.id);
  if (!proposal) throw new NotFoundError('Dit voorstel bestaat niet.');
  if (proposal.status !== 'open')
    return { ok: false, message: 'Over dit voorstel is al besloten.' };
  const reason = input.reason.trim();
  if (!input.accept && reason === '')
    return { ok: false, message: 'Schrijf op waarom u het voorstel afwijst.' };
  if (reason.length > NOTE_MAX)
    return {
      ok: false,
      message: `De toelichting is te lang. Gebruik hoogstens ${NOTE_MAX} tekens.`,
    };
  const proposed = JSON.parse(proposal.proposed) as Indicator;
  const actor = actorOf(input.actor);
  const outcome = await db.transaction().execute(async (trx): Promise<DecisionResult> => {
    let version: number | null = null;
    if (input.accept) {
      const active = await activeCatalogueVersion(trx);
      if ((active.version?.version ?? 0) !== proposal.base_version) {
        return {
          ok: false,
          message:
            'De catalogus is gewijzigd nadat dit voorstel is gedaan. Wijs het af en vraag de gemeente om een nieuw voorstel.',
        };
      }
      const before = active.catalogue.indicators.find((i) => i.key === proposal.indicator_key);
      const next = withIndicator(active.catalogue, proposed, at);
      version = await insertCatalogueVersion(trx, {
        catalogue: next,
        note: `${proposal.note} (voorstel van ${proposal.municipality_code}, aangenomen)`,
        createdBy: actor,
        createdAt: at,
      });
      await recordAudit(
        trx,
        {
          actor,
          action: 'indicator.gewijzigd',
          entity: CATALOGUE_ENTITY,
          entityId: proposal.indicator_key,
          municipalityCode: null,
          before: { catalogusversie: proposal.base_version, indicator: before },
          after: { catalogusversie: version, voorstel: proposal.id, indicator: proposed },
        },
        at,
      );
    }
    const decided = await decideCatalogueProposal(trx, proposal.id, {
      status: input.accept ? 'aangenomen' : 'afgewezen',
      decided_by: actor,
      decided_at: at.toISOString(),
      decision_note: reason === '' ? null : reason,
      result_version: version,
    });
    if (!decided) throw new ConflictError('Over dit voorstel is intussen al besloten.');
    await recordAudit(
      trx,
      {
        actor,
        action: input.accept ? 'catalogusvoorstel.aangenomen' : 'catalogusvoorstel.afgewezen',
        entity: CATALOGUE_ENTITY,
        entityId: proposal.indicator_key,
        municipalityCode: proposal.municipality_code,
        before: { voorstel: proposal.id, status: 'open' },
        after: {
          voorstel: proposal.id,
          status: input.accept ? 'aangenomen' : 'afgewezen',
          ...(reason ? { toelichting: reason } : {}),
          ...(version !== null ? { catalogusversie: version } : {}),
        },
      },
      at,
    );
    return version !== null ? { ok: true, version } : { ok: true };
  });
  return outcome;
}
