/**
 * Reading src/ as text for the architecture guards: which files, which lines, and the top-level
 * function a line sits in. No TypeScript compiler: the code style (Prettier, top-level functions
 * closed by a `}` in column one) is what makes this reliable enough for a guard.
 */
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

export interface SourceFile {
  /** Relative to the project root, with forward slashes. */
  file: string;
  text: string;
}

/** Every .ts/.tsx file under `dir` (relative to the root), tests and migrations left out. */
export function sourceFiles(dir = 'src'): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (child === 'src/db/migrations') continue;
        walk(child);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        out.push({ file: child, text: fs.readFileSync(path.join(root, child), 'utf8') });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const TOP_LEVEL_FUNCTION = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)/;
const TOP_LEVEL_ARROW = /^(?:export\s+)?const\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\s+)?\(/;

/**
 * The top-level function (declaration or arrow constant) whose body holds `offset`: its name
 * and text, from its first line to the `}` (or `};`) in column one that closes it. Undefined at
 * top level or inside a class.
 */
export function enclosingFunction(
  text: string,
  offset: number,
): { name: string; body: string } | undefined {
  const lines = text.split('\n');
  const at = lineOf(text, offset) - 1;
  for (let i = at; i >= 0; i--) {
    const line = lines[i]!;
    const m = TOP_LEVEL_FUNCTION.exec(line) ?? TOP_LEVEL_ARROW.exec(line);
    if (m) {
      let end = i;
      while (end < lines.length && !/^\}[);]*$/.test(lines[end]!)) end++;
      if (end < at) return undefined;
      return { name: m[1]!, body: lines.slice(i, end + 1).join('\n') };
    }
    // Another top-level construct closes before us: we are not inside a function.
    if (i < at && /^(?:export\s+)?(?:abstract\s+)?class\s/.test(line)) return undefined;
  }
  return undefined;
}
