/**
 * One page per view file (issue 16.4): a page component (an exported `…Page` component) lives
 * in `views/<name>.page.tsx`, one per file; shared pieces of a feature go in
 * `views/<feature>-parts.tsx` or `src/views/components/`.
 */
import { lineOf, type SourceFile } from './source-scan.ts';

/**
 * Files that still export a page component outside a `*.page.tsx`, each with its reason. Remove
 * an entry once the file is split or renamed: the guard fails on an entry that is no longer needed.
 */
export const PAGE_FILE_ALLOWANCES: Readonly<Record<string, string>> = {};

/** An exported component whose name ends in `Page` (a function or an arrow constant). */
const PAGE_EXPORT =
  /^export\s+(?:default\s+)?(?:function\s+([A-Z]\w*Page)\b|const\s+([A-Z]\w*Page)\s*[:=])/gm;

function pageExports(text: string): { name: string; line: number }[] {
  return [...text.matchAll(PAGE_EXPORT)].map((m) => ({
    name: (m[1] ?? m[2])!,
    line: lineOf(text, m.index),
  }));
}

/** Every breach of the rule, as a Dutch message that names file and line. */
export function pageFileFindings(
  files: readonly SourceFile[],
  allowances: Readonly<Record<string, string>> = PAGE_FILE_ALLOWANCES,
): string[] {
  const findings: string[] = [];
  for (const { file, text } of files) {
    if (!file.endsWith('.tsx')) continue;
    const pages = pageExports(text);
    if (file.endsWith('.page.tsx')) {
      if (pages.length > 1) {
        findings.push(
          `${file}:${pages[1]!.line}: ${pages.length} paginacomponenten (${pages.map((p) => p.name).join(', ')}) in één .page.tsx; zet elke pagina in een eigen bestand`,
        );
      }
    } else if (pages.length > 0 && !(file in allowances)) {
      findings.push(
        `${file}:${pages[0]!.line}: exporteert paginacomponent ${pages[0]!.name} maar heet niet views/<naam>.page.tsx`,
      );
    }
  }
  return findings;
}

/** Allowances for files that no longer exist or no longer export a page component. */
export function stalePageFileAllowances(
  files: readonly SourceFile[],
  allowances: Readonly<Record<string, string>> = PAGE_FILE_ALLOWANCES,
): string[] {
  return Object.keys(allowances).filter((allowed) => {
    const found = files.find((f) => f.file === allowed);
    return !found || pageExports(found.text).length === 0;
  });
}
