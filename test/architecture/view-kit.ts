/**
 * The shared view kit (issue 16.4): tables, breadcrumbs and form fields are written once, in
 * `src/views/components/`. A view elsewhere uses `Table`/`DataTable` (data-table.tsx),
 * `Breadcrumbs` (through `Layout`) and `Field`/`TextField` (field.tsx, form.tsx) instead of
 * writing the Utrecht classes or its own copy.
 */
import { enclosingFunction, lineOf, type SourceFile } from './source-scan.ts';

export const KIT_DIR = 'src/views/components/';

/** A top-level component named like a form field (Field, FieldFrame, FieldError, …Field). */
const FIELD_COMPONENT =
  /^(?:export\s+)?function\s+(\w*Field|FieldFrame|FieldError)\s*\(|^(?:export\s+)?const\s+(\w*Field|FieldFrame|FieldError)\s*=\s*\(/gm;

/** Every breach, as a Dutch message that names file and line. */
export function viewKitFindings(files: readonly SourceFile[]): string[] {
  const findings: string[] = [];
  for (const { file, text } of files) {
    if (file.startsWith(KIT_DIR) || !file.startsWith('src/')) continue;
    for (const m of text.matchAll(/utrecht-table/g)) {
      findings.push(
        `${file}:${lineOf(text, m.index)}: schrijft zelf de klasse utrecht-table; gebruik Table of DataTable uit src/views/components/data-table.tsx`,
      );
    }
    for (const m of text.matchAll(/aria-label="Kruimelpad"|wk-breadcrumbs/g)) {
      findings.push(
        `${file}:${lineOf(text, m.index)}: maakt zelf een kruimelpad; geef breadcrumbs aan Layout (Breadcrumbs in src/views/components/breadcrumbs.tsx)`,
      );
    }
    for (const m of text.matchAll(/wk-table-scroll/g)) {
      if (file.startsWith('src/views/')) continue; // table-scroll.ts, the layout's own styles
      findings.push(
        `${file}:${lineOf(text, m.index)}: schrijft zelf een scrollvak om een tabel; gebruik TableScroll of DataTable met scroll (focusbaar en met een naam)`,
      );
    }
    for (const m of text.matchAll(/<Table\b/g)) {
      const table = text.slice(m.index, text.indexOf('</Table>', m.index));
      const caption = table.indexOf('<TableCaption');
      const body = table.search(/<(?:THead|TBody|Tr)\b/);
      if (caption === -1 || (body !== -1 && body < caption)) {
        findings.push(
          `${file}:${lineOf(text, m.index)}: tabel zonder zichtbaar bijschrift; zet TableCaption direct na Table`,
        );
      }
    }
    for (const m of text.matchAll(FIELD_COMPONENT)) {
      const name = (m[1] ?? m[2])!;
      const body = enclosingFunction(text, m.index + m[0].length)?.body ?? '';
      // Only a component that draws the field frame or the error itself is a copy; one that
      // wraps the shared Field (InputField, TextEntry…) is fine.
      if (
        /utrecht-form-field(?:--invalid|__label|-error-message)|class="utrecht-form-field"/.test(
          body,
        )
      ) {
        findings.push(
          `${file}:${lineOf(text, m.index)}: eigen veldcomponent ${name}; gebruik Field of FieldError uit src/views/components/field.tsx`,
        );
      }
    }
  }
  return findings;
}
