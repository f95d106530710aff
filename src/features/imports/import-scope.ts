import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import type { ParsedImport } from './import.types.ts';

/**
 * Whose figures an import may change (ADR 0017). A municipality (GMxxxx) writes only its own
 * areas: the municipality itself and its wijken and buurten. The Netherlands (NL00) and other
 * municipalities are refused. `NATIONAL_SCOPE` (a grant of the national role) may write every area.
 */
export const NATIONAL_SCOPE = 'NL00';

export type ImportScope = string;

const MUNICIPAL = /^GM\d{4}$/;

export function isMunicipalScope(scope: string | undefined): scope is string {
  return scope !== undefined && MUNICIPAL.test(scope);
}

/** GMxxxx of a municipality, wijk or buurt code; null for the Netherlands or anything else. */
export function municipalityOfCode(code: string): string | null {
  const m = /^(?:GM|WK|BU)(\d{4})/.exec(code);
  return m ? `GM${m[1]}` : null;
}

/**
 * Why a row for this area may not be written under this scope, in Dutch, or null when it may.
 * A national scope (or none: the server's own seed) may write everything.
 */
export function scopeProblem(scope: string | undefined, code: string): string | null {
  if (!isMunicipalScope(scope)) return null;
  if (municipalityOfCode(code) === scope) return null;
  if (code === NATIONAL_SCOPE) {
    return `${code} (Nederland) is een landelijk gebied; landelijke cijfers laadt alleen de landelijk beheerder. U laadt nu voor ${scope}`;
  }
  const other = municipalityOfCode(code);
  return `gebied ${code} ligt buiten ${scope}${other ? ` (het hoort bij ${other})` : ''}; u mag alleen cijfers van de eigen gemeente laden`;
}

/**
 * The last line of defence after an importer: every area and observation of a parsed file lies
 * within the scope, or the whole import is refused (nothing is written). Importers name the line
 * themselves; this check names the file and the codes, so an importer that misses a row cannot
 * let it through. The Netherlands as a bare area (no figure, as PDOK files add it as the parent
 * of every municipality) is allowed.
 */
export function assertWithinScope(parsed: ParsedImport, scope: string | undefined): void {
  if (!isMunicipalScope(scope)) return;
  const outside = new Map<string, string>();
  for (const area of parsed.areas) {
    if (area.code === NATIONAL_SCOPE && area.kind === 'land') continue;
    const problem = scopeProblem(scope, area.code);
    if (problem && !outside.has(area.code)) outside.set(area.code, problem);
  }
  for (const o of parsed.observations) {
    if (outside.size >= 20) break;
    const problem = scopeProblem(scope, o.area_code);
    if (problem && !outside.has(o.area_code)) outside.set(o.area_code, problem);
  }
  if (outside.size === 0) return;
  const problems: ImportProblem[] = [...outside.values()].map((message) => ({
    file: parsed.fileName,
    message,
  }));
  throw new ImportValidationError(problems);
}
