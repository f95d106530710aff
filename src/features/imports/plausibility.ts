import path from 'node:path';
import { z } from 'zod';
import { AppError, formatLocation } from '../../shared/errors.ts';
import { jsonSchemaProblems, readJsonFile } from '../../shared/json-path.ts';
import { loadCatalogue, type Catalogue } from '../indicators/index.ts';

/**
 * What a figure can be (ADR 0017, issue 11.9), declared per variable in
 * catalogue/plausibility.json. The importers refuse what is impossible: a population of −5,
 * 12.5 crimes, a share of 140 %, a teller larger than its noemer, an unknown crime type.
 */
export const PLAUSIBILITY_FILE = path.resolve(
  import.meta.dirname,
  '../../../catalogue/plausibility.json',
);

export const VALUE_KINDS = ['aantal', 'percentage', 'aandeel', 'niet-negatief'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

const fileSchema = z.strictObject({
  version: z.string().regex(/^\d{4}\.\d+$/),
  /** The kinds in words, for people reading the file. */
  soorten: z.record(z.enum(VALUE_KINDS), z.string().min(1)),
  variabelen: z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
    z.strictObject({ soort: z.enum(VALUE_KINDS) }),
  ),
  /** SoortMisdrijf codes of CBS/Politie table 47018NED. */
  soortMisdrijf: z.array(z.string().regex(/^\d+(\.\d+){2}$/)).min(1),
});

export interface PlausibilityRules {
  kindOf(variable: string): ValueKind | undefined;
  isKnownCrimeType(code: string): boolean;
  /** Stems the catalogue reads from CBS (and CBS/Politie): a local file may not pose as them. */
  isCbsVariable(variable: string): boolean;
}

/** `GeregistreerdeMisdrijven.1.1.1` is a count like `GeregistreerdeMisdrijven`. */
function baseStem(variable: string): string {
  return variable.replace(/(\.\d+)+$/, '');
}

/** CBS table ids look like 85984NED or 47018NED; the publisher may name CBS itself. */
function isCbsSource(source: { publisher: string; tableId: string | null }): boolean {
  return /\bCBS\b/.test(source.publisher) || /^\d{5}(NED|ENG)$/.test(source.tableId ?? '');
}

export function cbsVariablesOf(catalogue: Catalogue): Set<string> {
  const out = new Set<string>();
  for (const ind of catalogue.indicators) {
    for (const source of [ind.source, ...(ind.otherSources ?? [])]) {
      if (!isCbsSource(source)) continue;
      for (const v of source.variables) out.add(baseStem(v));
    }
  }
  return out;
}

export function parsePlausibility(
  raw: unknown,
  file: string,
  catalogue: Catalogue,
): PlausibilityRules {
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const problems = jsonSchemaProblems(result.error, file, raw, 'soort', 'onbekende soort');
    const first = problems[0];
    throw new AppError(
      'BAD_REQUEST',
      `${file} is niet geldig. ${first ? `${formatLocation(first)}: ${first.message}` : ''}`,
    );
  }
  const kinds = new Map(Object.entries(result.data.variabelen).map(([k, v]) => [k, v.soort]));
  const crimeTypes = new Set(result.data.soortMisdrijf);
  const cbs = cbsVariablesOf(catalogue);
  return {
    kindOf: (variable) => kinds.get(variable) ?? kinds.get(baseStem(variable)),
    isKnownCrimeType: (code) => crimeTypes.has(code),
    isCbsVariable: (variable) => cbs.has(baseStem(variable)),
  };
}

let shipped: PlausibilityRules | undefined;

/** The shipped declarations, read once per process. */
export function shippedPlausibility(): PlausibilityRules {
  if (!shipped) {
    const { name, raw } = readJsonFile(
      PLAUSIBILITY_FILE,
      (problems) =>
        new AppError(
          'BAD_REQUEST',
          problems.map((p) => `${formatLocation(p)}: ${p.message}`).join('; '),
        ),
    );
    shipped = parsePlausibility(raw, name, loadCatalogue());
  }
  return shipped;
}

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });

/** Why this value cannot be, in Dutch, or null when it can. */
export function valueProblem(
  rules: PlausibilityRules | undefined,
  variable: string,
  value: number | null,
): string | null {
  if (!rules || value === null || !Number.isFinite(value)) return null;
  const kind = rules.kindOf(variable);
  if (!kind) return null;
  if (kind === 'aantal') {
    if (value < 0)
      return `${variable} is een aantal en kan niet negatief zijn (${nl.format(value)})`;
    if (!Number.isInteger(value))
      return `${variable} is een aantal en moet een heel getal zijn, niet ${nl.format(value)}`;
  }
  if ((kind === 'percentage' || kind === 'aandeel') && (value < 0 || value > 100))
    return `${variable} is een percentage en moet tussen 0 en 100 liggen, niet ${nl.format(value)}`;
  if (kind === 'niet-negatief' && value < 0)
    return `${variable} kan niet negatief zijn (${nl.format(value)})`;
  return null;
}

/** Teller and noemer of a share: both 0 or more, the teller not larger than the noemer. */
export function ratioProblem(
  rules: PlausibilityRules | undefined,
  variable: string,
  teller: number | null | undefined,
  noemer: number | null | undefined,
): { column: 'teller' | 'noemer'; message: string } | null {
  if (!rules || teller == null || noemer == null) return null;
  if (teller < 0)
    return { column: 'teller', message: `teller kan niet negatief zijn (${nl.format(teller)})` };
  if (noemer < 0)
    return { column: 'noemer', message: `noemer kan niet negatief zijn (${nl.format(noemer)})` };
  const kind = rules.kindOf(variable);
  if ((kind === 'aandeel' || kind === 'percentage') && teller > noemer) {
    return {
      column: 'teller',
      message: `teller (${nl.format(teller)}) is groter dan noemer (${nl.format(noemer)}); bij een aandeel kan dat niet`,
    };
  }
  return null;
}

/**
 * A change in words for the preview: "122.070 → 5: −100%". Undefined when it is 25 % or less,
 * or when there is nothing to compare (a missing figure, or 0 before).
 */
export function largeChange(before: number | null, after: number | null): string | undefined {
  if (before === null || after === null || before === 0) return undefined;
  const ratio = (after - before) / Math.abs(before);
  if (Math.abs(ratio) <= 0.25) return undefined;
  const percent = Math.round(ratio * 100);
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
  return `${nl.format(before)} → ${nl.format(after)}: ${sign}${Math.abs(percent)}%`;
}
