import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { actorOf, type Actor } from '../accounts/index.ts';
import { activeCatalogue, type Indicator } from '../indicators/index.ts';
import { deleteTarget, findTarget, upsertTarget } from './target.repository.ts';
import { targetSchema } from './target.schema.ts';
import type { StoredTarget, Target, TargetKind, TargetReference } from './target.types.ts';

/** Dutch messages per form field. */
type Errors = Record<string, string>;

export const KIND_LABEL: Record<TargetKind, string> = {
  gap: 'Achterstand inlopen op een vergelijkingsgebied',
  value: 'Een vaste waarde bereiken',
  change: 'Een vaste verandering ten opzichte van de nulmeting',
  guard: 'Niet slechter worden',
};

export const REFERENCE_LABEL: Record<TargetReference, string> = {
  nederland: 'Nederland',
  gemeente: 'De gemeente',
  nplv: 'Gemiddelde van de NPLV-focusgebieden',
};

/** The reference inside a sentence: "de achterstand op Nederland", "… op de gemeente". */
export const REFERENCE_IN_SENTENCE: Record<TargetReference, string> = {
  nederland: 'Nederland',
  gemeente: 'de gemeente',
  nplv: 'het gemiddelde van de NPLV-focusgebieden',
};

export const TARGET_NOTE_MAX = 500;

/** The form's fields, as typed (strings), so a refused form shows exactly what was sent. */
export interface TargetFormValues {
  kind: string;
  reference: string;
  /** Percentage of the gap, 1–100 (stored as 0.01–1). */
  gapPercent: string;
  targetValue: string;
  change: string;
  baselinePeriod: string;
  targetYear: string;
  isExample: boolean;
  note: string;
}

const nlNumber = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: false });

export function targetFormValues(target: Target | undefined): TargetFormValues {
  return {
    kind: target?.kind ?? 'gap',
    reference: target?.reference ?? 'nederland',
    gapPercent:
      target?.gapShare === undefined
        ? ''
        : nlNumber.format(Math.round(target.gapShare * 1e6) / 1e4),
    targetValue: target?.targetValue === undefined ? '' : nlNumber.format(target.targetValue),
    change: target?.change === undefined ? '' : nlNumber.format(target.change),
    baselinePeriod: target?.baselinePeriod ?? '',
    targetYear: target ? String(target.targetYear) : '',
    isExample: target?.isExample ?? false,
    note: target?.note ?? '',
  };
}

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

/** "12,5" and "12.5" both mean twelve and a half; anything else is not a number. */
function parseNumber(value: string): number | undefined {
  const t = value.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

const FIELD: Record<string, string> = {
  kind: 'soort',
  reference: 'vergelijking',
  gapShare: 'deel',
  targetValue: 'doelwaarde',
  change: 'verandering',
  baselinePeriod: 'nulmeting',
  targetYear: 'doeljaar',
  note: 'toelichting',
};

export async function indicatorForTarget(db: Kysely<Database>, key: string): Promise<Indicator> {
  const catalogue = await activeCatalogue(db);
  const indicator = catalogue.indicators.find((i) => i.key === key);
  if (!indicator) throw new NotFoundError(`Er is geen indicator "${key}" in de catalogus.`);
  return indicator;
}

export type TargetSaveResult =
  | { ok: true; outcome: 'aangemaakt' | 'gewijzigd' | 'ongewijzigd' }
  | { ok: false; errors: Errors; values: TargetFormValues };

/**
 * Validates the form with the same schema as the targets file and saves it; the targets
 * repository writes the audit entry in the same transaction.
 */
export async function saveTargetForm(
  db: Kysely<Database>,
  input: {
    slug: string;
    indicatorKey: string;
    actor: Actor;
    form: Record<string, unknown>;
  },
): Promise<TargetSaveResult> {
  await indicatorForTarget(db, input.indicatorKey);
  const f = input.form;
  const values: TargetFormValues = {
    kind: text(f.soort),
    reference: text(f.vergelijking),
    gapPercent: text(f.deel),
    targetValue: text(f.doelwaarde),
    change: text(f.verandering),
    baselinePeriod: text(f.nulmeting),
    targetYear: text(f.doeljaar),
    isExample: text(f.voorbeeld) === 'ja',
    note: text(f.toelichting),
  };
  const errors: Errors = {};
  const numberOrError = (field: string, raw: string): number | undefined => {
    if (raw === '') {
      errors[field] = 'Vul een getal in.';
      return undefined;
    }
    const n = parseNumber(raw);
    if (n === undefined) errors[field] = 'Vul een getal in, bijvoorbeeld 12,5.';
    return n;
  };
  const candidate: Record<string, unknown> = {
    focusAreaSlug: input.slug,
    indicatorKey: input.indicatorKey,
    kind: values.kind,
    baselinePeriod: values.baselinePeriod,
    targetYear: /^\d{4}$/.test(values.targetYear) ? Number(values.targetYear) : Number.NaN,
    isExample: values.isExample,
    note: values.note,
  };
  if (!/^\d{4}$/.test(values.targetYear)) errors.doeljaar = 'Vul een jaar in, bijvoorbeeld 2043.';
  if (values.note.length > TARGET_NOTE_MAX)
    errors.toelichting = `De toelichting is te lang. Gebruik hoogstens ${TARGET_NOTE_MAX} tekens.`;
  if (values.kind === 'gap') {
    candidate.reference = values.reference;
    const pct = numberOrError('deel', values.gapPercent);
    if (pct !== undefined) {
      if (pct <= 0 || pct > 100)
        errors.deel = 'Vul een percentage in van meer dan 0 tot en met 100.';
      else candidate.gapShare = pct / 100;
    }
  } else if (values.kind === 'value') {
    candidate.targetValue = numberOrError('doelwaarde', values.targetValue);
  } else if (values.kind === 'change') {
    candidate.change = numberOrError('verandering', values.change);
  }
  const parsed = targetSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD[String(issue.path[0])] ?? 'soort';
      if (errors[field]) continue;
      errors[field] =
        issue.code === 'invalid_value'
          ? 'Kies een waarde uit de lijst.'
          : issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big'
            ? 'Deze waarde klopt niet.'
            : issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors, values };
  const t = parsed.data;
  const target: Target = {
    focusAreaSlug: t.focusAreaSlug,
    indicatorKey: t.indicatorKey,
    kind: t.kind,
    baselinePeriod: t.baselinePeriod,
    targetYear: t.targetYear,
    isExample: t.isExample,
    note: t.note,
    ...(t.reference !== undefined ? { reference: t.reference } : {}),
    ...(t.gapShare !== undefined ? { gapShare: t.gapShare } : {}),
    ...(t.targetValue !== undefined ? { targetValue: t.targetValue } : {}),
    ...(t.change !== undefined ? { change: t.change } : {}),
  };
  const outcome = await upsertTarget(db, target, actorOf(input.actor));
  return { ok: true, outcome };
}

export async function removeTarget(
  db: Kysely<Database>,
  input: { slug: string; indicatorKey: string; actor: Actor },
): Promise<boolean> {
  return deleteTarget(db, input.slug, input.indicatorKey, actorOf(input.actor));
}

export async function currentTarget(
  db: Kysely<Database>,
  slug: string,
  indicatorKey: string,
): Promise<StoredTarget | undefined> {
  return findTarget(db, slug, indicatorKey);
}
