/**
 * Two rules of issue 16 read from the source text:
 * - every query in a repository: no Kysely query builder call and no `sql` import outside a
 *   `*.repository.ts`, the database infrastructure and the migrations;
 * - no bare catch: a catch that neither rethrows nor looks at its error (`catch {`,
 *   `catch (e) {}`, `.catch(() => undefined)`) fails unless allow-listed with the reason its
 *   absence is expected, because it turns any error, a database error included, into a silent
 *   default.
 */
import { lineOf, type SourceFile } from './source-scan.ts';

/** Files that may query outside a repository, each with the reason. */
export const QUERY_INFRASTRUCTURE: Readonly<Record<string, string>> = {
  'src/startup.ts':
    'start-up: `select 1` to see that the database answers, and the PostgreSQL advisory lock',
};

/**
 * Route files that still query: issue 16 point 1 moves every route off the database in a
 * branch of its own; remove an entry once its file no longer queries (the test says so).
 */
export const ROUTES_BEING_MOVED: readonly string[] = [];

const QUERY_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(/g;
const SQL_IMPORT = /import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*['"]kysely['"]/g;

export function isQueryAllowed(file: string): boolean {
  return (
    file.endsWith('.repository.ts') ||
    file.startsWith('src/db/') ||
    file in QUERY_INFRASTRUCTURE ||
    ROUTES_BEING_MOVED.includes(file)
  );
}

/** `file:line: what` for every query outside a repository. */
export function queriesOutsideRepositories(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    if (isQueryAllowed(file)) continue;
    for (const m of text.matchAll(QUERY_CALL)) {
      out.push(`${file}:${lineOf(text, m.index)}: ${m[1]}() buiten een repository`);
    }
    for (const m of text.matchAll(SQL_IMPORT)) {
      out.push(`${file}:${lineOf(text, m.index)}: importeert sql uit kysely buiten een repository`);
    }
  }
  return out;
}

/** Files with a query that need not be allow-listed any more. */
export function staleQueryAllowances(files: readonly SourceFile[]): string[] {
  return Object.keys(QUERY_INFRASTRUCTURE).filter((file) => {
    const f = files.find((x) => x.file === file);
    return !f || (!QUERY_CALL.test(f.text) && !new RegExp(SQL_IMPORT.source).test(f.text));
  });
}

/**
 * Catches that swallow, allowed per file with how many and why. A catch that rethrows (or
 * throws a Dutch error of its own) is never counted.
 */
export const ALLOWED_SWALLOWS: Readonly<Record<string, { count: number; reason: string }>> = {
  'src/features/focus-areas/focus-area-editing.repository.ts': {
    count: 1,
    reason: 'an audit entry that is not JSON has no catalogue note to show',
  },
  'src/features/survey/web/session-response.service.ts': {
    count: 1,
    reason: 'a sealed resume code that does not open is no code: undefined (typed absence)',
  },
  'src/features/survey/responses/response.repository.ts': {
    count: 1,
    reason: 'answer text that starts with "[" but is no JSON list is an open answer',
  },
  'src/features/imports/csv-reader.ts': {
    count: 1,
    reason: 'invalid UTF-8 is the answer (false), or is reported with its line and column',
  },
  'src/features/imports/odata-harvest.ts': {
    count: 1,
    reason:
      'the body of a refused or busy answer is read only to free the connection before a retry; failing to read it changes nothing',
  },
  'src/features/maps/geometry.ts': {
    count: 1,
    reason: 'a broken outline leaves the map out; the table behind it still has the figures',
  },
  'src/features/data-workspace/parse-worker.ts': {
    count: 1,
    reason: 'a lower thread priority is not allowed on every system; the reader runs anyway',
  },
  'src/features/monitor/page-cache/warm-up.ts': {
    count: 3,
    reason:
      'building pages ahead is optional: a failure is counted, and the request that needs the page builds it and meets the error itself',
  },
  'src/shared/pdf/pdf-renderer.ts': {
    count: 3,
    reason:
      'closing a page or browser that may be gone, and the render queue: the render itself rejects to its own caller',
  },
};

/** The text between a `{` at `open` and its matching `}` (strings and comments not parsed). */
function blockAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Every swallowing catch of one file, as line numbers. */
export function swallowingCatches(text: string): number[] {
  const lines: number[] = [];
  for (const m of text.matchAll(/\bcatch\s*(?:\(\s*(\w*)\s*\))?\s*\{/g)) {
    const body = blockAt(text, m.index + m[0].length - 1);
    if (/\bthrow\b/.test(body)) continue;
    // A catch that looks at its error (logs it, reports it as a result) handles it.
    const name = m[1];
    if (name && new RegExp(`\\b${name}\\b`).test(body)) continue;
    lines.push(lineOf(text, m.index));
  }
  // A promise's error dropped on the floor.
  for (const m of text.matchAll(
    /\.catch\(\s*\(\s*\w*\s*\)\s*=>\s*(undefined|null|\{\s*\})\s*\)/g,
  )) {
    lines.push(lineOf(text, m.index));
  }
  return lines.sort((a, b) => a - b);
}

/** Files whose swallowing catches are not (all) allowed. */
export function unallowedSwallows(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const found = swallowingCatches(text);
    const allowed = ALLOWED_SWALLOWS[file]?.count ?? 0;
    if (found.length > allowed) {
      out.push(
        `${file}: ${found.length} catch(es) die een fout inslikken op regel ${found.join(', ')} (toegestaan: ${allowed}); geef een getypte afwezigheid terug of laat de fout door`,
      );
    }
  }
  return out;
}

/** Allow-list entries larger than what the file now holds: lower them, so none can creep back. */
export function staleSwallowAllowances(files: readonly SourceFile[]): string[] {
  return Object.entries(ALLOWED_SWALLOWS)
    .filter(([file, { count }]) => {
      const f = files.find((x) => x.file === file);
      return !f || swallowingCatches(f.text).length < count;
    })
    .map(([file, { count }]) => `${file}: ${count} toegestaan, minder gevonden`);
}
