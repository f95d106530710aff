import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ImportProblem } from './errors.ts';

/**
 * A readable path to a field of a JSON file for a Dutch error message, e.g.
 * `indicators[3] (overgewicht).measure.type`: at each array item the value of `keyField` (where the
 * item has one) is added, so people find the entry without counting.
 */
export function readableJsonPath(
  issuePath: readonly PropertyKey[],
  raw: unknown,
  keyField: string,
): string {
  let out = '';
  let node: unknown = raw;
  for (const part of issuePath) {
    if (typeof part === 'number') {
      out += `[${part}]`;
      node = Array.isArray(node) ? node[part] : undefined;
      const key =
        node && typeof node === 'object' ? (node as Record<string, unknown>)[keyField] : undefined;
      if (typeof key === 'string') out += ` (${key})`;
    } else {
      out += out === '' ? String(part) : `.${String(part)}`;
      node =
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[String(part)]
          : undefined;
    }
  }
  return out === '' ? '(hoofdniveau)' : out;
}

/**
 * A zod error on a JSON file as Dutch problems naming the file and the readable path. `union`
 * says what to choose from where a closed union (a measure type, a question type) did not match.
 */
export function jsonSchemaProblems(
  error: z.ZodError,
  file: string,
  raw: unknown,
  keyField: string,
  union: string,
): ImportProblem[] {
  return error.issues.slice(0, 50).map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `onbekend veld: ${issue.keys.join(', ')}`;
    else if (issue.code === 'invalid_union') message = union;
    else if (issue.code === 'invalid_type' && issue.input === undefined)
      message = 'dit veld ontbreekt';
    else if (issue.code === 'invalid_type')
      message = `verkeerd soort waarde (verwacht ${issue.expected})`;
    else if (issue.code === 'invalid_value')
      message = `ongeldige waarde (toegestaan: ${issue.values.map(String).join(', ')})`;
    return { file, field: readableJsonPath(issue.path, raw, keyField), message };
  });
}

/**
 * Reads and parses a JSON file (a BOM is allowed) for a loader that reports in Dutch: the name
 * to use in messages, and the parsed value; an unreadable file or bad JSON becomes `fail`'s error.
 */
export function readJsonFile(
  file: string,
  fail: (problems: ImportProblem[]) => Error,
): { name: string; raw: unknown } {
  const name = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw fail([{ file: name, message: `bestand niet te lezen (${code})` }]);
  }
  try {
    return { name, raw: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    throw fail([{ file: name, message: `geen geldige JSON (${(error as Error).message})` }]);
  }
}
