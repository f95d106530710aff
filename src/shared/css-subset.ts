/**
 * Keeps of a vendor stylesheet only the rules our pages can use: the NL Design System component
 * CSS is 400 KB, of which the pages use a few per cent. A rule is kept when every class with the
 * vendor prefix in (one of) its selectors is used in our code; rules without such a class (the
 * page, :root, elements) are always kept. Licence comments are kept. Written here rather than
 * taken from a CSS tool: the input is one well-formed, generated file, and the splitter below is
 * all it needs; a CSS tool would be a dependency for a few dozen lines (docs/adr/0005).
 */

/** Class names the code uses: exact names, and prefixes of names built at run time. */
export interface UsedClasses {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

/** Collects the classes with this prefix from source texts; `foo-${x}` counts as prefix `foo-`. */
export function usedClasses(sources: Iterable<string>, prefix: string): UsedClasses {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const pattern = new RegExp(`${escapeRegExp(prefix)}[a-z0-9_-]*(\\$\\{)?`, 'gi');
  for (const text of sources) {
    for (const m of text.matchAll(pattern)) {
      if (m[1]) prefixes.add(m[0].slice(0, -2));
      else exact.add(m[0]);
    }
  }
  return { exact, prefixes: [...prefixes] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isUsed(name: string, used: UsedClasses): boolean {
  return used.exact.has(name) || used.prefixes.some((p) => name.startsWith(p));
}

/** Whether one selector (no commas) can match with the classes we use. */
function selectorUsable(selector: string, classPattern: RegExp, used: UsedClasses): boolean {
  const classes = selector.match(classPattern);
  return (classes ?? []).every((c) => isUsed(c.slice(1), used));
}

/** Splits on a separator at the top level (not inside (…), […] or strings). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The custom properties (`--name`) that texts refer to with var(--name…). */
export function referencedProperties(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/var\(\s*(--[\w-]+)/g)) out.add(m[1]!);
  return out;
}

/**
 * The custom properties needed: those referred to by `seeds`, and, transitively, those that the
 * values of needed properties in `definitions` refer to (design tokens alias each other).
 */
export function neededProperties(definitions: string, seeds: Iterable<string>): Set<string> {
  const values = new Map<string, string[]>();
  for (const m of definitions.matchAll(/(--[\w-]+)\s*:([^;{}]*)/g)) {
    const list = values.get(m[1]!) ?? [];
    list.push(m[2]!);
    values.set(m[1]!, list);
  }
  const needed = new Set<string>();
  const queue = [...referencedProperties(seeds)];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    for (const value of values.get(name) ?? []) queue.push(...referencedProperties([value]));
  }
  return needed;
}

/** Splits a selector list on top-level commas (not inside :is(…), :not(…) or [attr="a,b"]). */
function splitSelectors(prelude: string): string[] {
  return splitTopLevel(prelude, ',');
}

/** The end (exclusive) of a block starting at `open` (a "{"), skipping strings and comments. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i]!;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 1;
    } else if (c === '"' || c === "'") {
      for (i++; i < css.length && css[i] !== c; i++) if (css[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`CSS: blok op teken ${open + 1} wordt niet gesloten`);
}

/** At-rules whose block holds rules that we filter; other blocks (@font-face, @keyframes…) stay. */
const NESTING = /^@(media|supports|container|layer|scope)\b/i;

export interface SubsetOptions {
  /** When given, declarations of custom properties not in this set are dropped. */
  properties?: ReadonlySet<string>;
}

/** The subset of `css` that can match with `used`, as described above. */
export function subsetCss(
  css: string,
  prefix: string,
  used: UsedClasses,
  options: SubsetOptions = {},
): string {
  const classPattern = new RegExp(`\\.${escapeRegExp(prefix)}[a-zA-Z0-9_-]*`, 'g');
  return subsetBlock(css, classPattern, used, options);
}

function pruneDeclarations(body: string, properties: ReadonlySet<string> | undefined): string {
  if (!properties) return body;
  return splitTopLevel(body, ';')
    .filter((d) => {
      const name = /^\s*(--[\w-]+)\s*:/.exec(d)?.[1];
      return name === undefined ? d.trim() !== '' : properties.has(name);
    })
    .map((d) => d.trim())
    .join(';');
}

function subsetBlock(
  css: string,
  classPattern: RegExp,
  used: UsedClasses,
  options: SubsetOptions,
): string {
  const out: string[] = [];
  let i = 0;
  while (i < css.length) {
    const c = css[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end === -1 ? css.length : end + 2;
      const comment = css.slice(i, stop);
      if (/@license|@preserve|^\/\*!/.test(comment)) out.push(comment);
      i = stop;
      continue;
    }
    // A statement (`@charset …;`) or a rule with a block: find which comes first.
    let j = i;
    let quote = '';
    for (; j < css.length; j++) {
      const d = css[j]!;
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = '';
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '{' || d === ';') break;
      else if (d === '}') throw new Error(`CSS: onverwachte } op teken ${j + 1}`);
    }
    if (j >= css.length) break;
    const prelude = css.slice(i, j).trim();
    if (css[j] === ';') {
      out.push(`${prelude};`);
      i = j + 1;
      continue;
    }
    const end = blockEnd(css, j);
    const body = css.slice(j + 1, end - 1);
    if (prelude.startsWith('@')) {
      if (NESTING.test(prelude)) {
        const inner = subsetBlock(body, classPattern, used, options);
        if (inner.trim() !== '') out.push(`${prelude}{${inner}}`);
      } else out.push(css.slice(i, end));
    } else {
      const kept = splitSelectors(prelude).filter((s) => selectorUsable(s, classPattern, used));
      const declarations = kept.length > 0 ? pruneDeclarations(body, options.properties) : '';
      if (declarations.trim() !== '')
        out.push(`${kept.map((s) => s.trim()).join(',')}{${declarations}}`);
    }
    i = end;
  }
  return out.join('\n');
}
