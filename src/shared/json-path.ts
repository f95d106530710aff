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
