import path from 'node:path';
import type { z } from 'zod';
import { AppError, formatLocation, type ImportProblem } from '../../shared/errors.ts';
import { catalogueSchema, type Catalogue, type Indicator } from './catalogue.schema.ts';
import { jsonSchemaProblems, readJsonFile } from '../../shared/json-path.ts';

export type { Catalogue, Indicator, Measure, MeasureType, Theme } from './catalogue.schema.ts';

/** catalogue/indicators.json at the repository root. */
export const DEFAULT_CATALOGUE_FILE = path.resolve(
  import.meta.dirname,
  '../../../catalogue/indicators.json',
);

/** The catalogue file is wrong: each problem names the file and the JSON path. */
export class CatalogueError extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    const first = problems[0];
    const summary = first ? `${formatLocation(first)}: ${first.message}` : 'onbekende fout';
    const more = problems.length > 1 ? ` (en nog ${problems.length - 1} problemen)` : '';
    super('BAD_REQUEST', `De indicatorcatalogus is niet geldig. ${summary}${more}`);
    this.name = 'CatalogueError';
  }
}

function problemsFrom(error: z.ZodError, file: string, raw: unknown): ImportProblem[] {
  return jsonSchemaProblems(
    error,
    file,
    raw,
    'key',
    'onbekend type meting (kies uit count, ratio, share_published, mean, median, model_estimate, survey_proportion)',
  );
}

/** Validates an already parsed catalogue; `file` only names the place in messages. */
/**
 * Catalogue versions saved before survey measures named their questionnaire used one
 * `questionKey`; stored versions are immutable, so they are read in today's form here.
 */
const LEGACY_SURVEY_KEYS: Record<string, { variable: string; values: string[] }> = {
  'wonen.tevreden-woning': { variable: 'tevreden_woning', values: ['4', '5'] },
  'veiligheid.onveilig-in-buurt': { variable: 'onveilig_buurt', values: ['ja'] },
  'leefbaarheid.tevreden-buurt': { variable: 'tevreden_buurt', values: ['4', '5'] },
};

function upgradeLegacy(raw: unknown): unknown {
  if (
    !raw ||
    typeof raw !== 'object' ||
    !Array.isArray((raw as { indicators?: unknown }).indicators)
  )
    return raw;
  const indicators = (raw as { indicators: unknown[] }).indicators.map((ind) => {
    const measure = (ind as { measure?: Record<string, unknown> } | null)?.measure;
    const legacy =
      measure?.type === 'survey_proportion' && typeof measure.questionKey === 'string'
        ? LEGACY_SURVEY_KEYS[measure.questionKey]
        : undefined;
    if (!legacy) return ind;
    return {
      ...(ind as object),
      measure: {
        type: 'survey_proportion',
        questionnaire: 'bewonersenquete-dordt-west',
        ...legacy,
      },
    };
  });
  return { ...(raw as object), indicators };
}

export function parseCatalogue(raw: unknown, file: string): Catalogue {
  const parsed = catalogueSchema.safeParse(upgradeLegacy(raw));
  if (!parsed.success) throw new CatalogueError(problemsFrom(parsed.error, file, raw));
  return parsed.data;
}

/** Reads and validates the catalogue; a bad file gives a Dutch message with file and JSON path. */
export function loadCatalogue(file: string = DEFAULT_CATALOGUE_FILE): Catalogue {
  const { name, raw } = readJsonFile(file, (problems) => new CatalogueError(problems));
  return parseCatalogue(raw, name);
}

export function findIndicator(catalogue: Catalogue, key: string): Indicator | undefined {
  return catalogue.indicators.find((i) => i.key === key);
}
