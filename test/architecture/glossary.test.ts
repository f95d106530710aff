/**
 * docs/glossary.md names every Dutch value the code uses (issue 16 point 5). The test reads every
 * exported string-literal union type and every exported `[...] as const` list of strings in src/
 * and asks that each value appears in the glossary between backticks. Value sets that are technical
 * (file formats, chart styles, English statistics terms) are listed below with the reason.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/** Value sets that are not Dutch domain language, each with why. */
const TECHNICAL: Readonly<Record<string, string>> = {
  DOWNLOAD_FORMATS: 'file formats',
  RESERVED_KEYS: 'download column names, explained in docs/data-formats.md',
  CsvDialect: 'CSV dialect, explained in docs/data-formats.md',
  CsvEncoding: 'character encodings',
  CsvDelimiter: 'separator characters',
  SURVEY_EXPORT_FORMATS: 'file formats',
  Measure: 'SPSS measurement levels (English by the format)',
  Storage: 'SPSS storage types',
  LANGUAGES: 'ISO 639-1 language codes',
  AGE_GROUPS: 'age ranges in digits',
  POPULATION_YEARS: 'years',
  MapPattern: 'SVG pattern names',
  TargetKind: 'English code names; their Dutch names are in TARGET_KINDS_NL and on /methode',
  EVIDENCE_KINDS: 'English code names; their Dutch labels are EVIDENCE_KIND_LABELS',
  SERIES_COLUMNS: 'download column names, explained in docs/data-formats.md',
  Dialect: 'database engines',
  ErrorCode: 'English error codes of the JSON API; the messages are Dutch',
  LINE_FIELDS: 'English form field names of the budget line form',
  ENTRY_FIELDS: 'English form field names of the booking form',
  APPLICATION_FIELDS: 'English form field names of the subsidy application form',
  AGREE_LABELS: 'the Dutch answer labels themselves, exported as value labels',
  FACTSHEET_COLUMNS: 'the Dutch column headings themselves',
  HttpPart: 'Fastify schema parts',
  HttpMethod: 'HTTP methods',
  FeedbackLanguage: 'ISO 639-1 language codes',
};

interface ValueSet {
  readonly name: string;
  readonly file: string;
  readonly values: readonly string[];
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.(test|e2e\.test)\.tsx?$/.test(entry.name) &&
      !entry.name.includes('test-')
    )
      files.push(path);
  }
  return files;
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function stringLiterals(nodes: readonly ts.Node[]): string[] | null {
  const values: string[] = [];
  for (const node of nodes) {
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal))
      values.push(node.literal.text);
    else if (ts.isStringLiteral(node)) values.push(node.text);
    else return null;
  }
  return values;
}

function valueSets(): ValueSet[] {
  const sets: ValueSet[] = [];
  for (const path of sourceFiles(join(root, 'src'))) {
    const file = relative(root, path);
    const source = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    for (const statement of source.statements) {
      if (!isExported(statement)) continue;
      if (ts.isTypeAliasDeclaration(statement) && ts.isUnionTypeNode(statement.type)) {
        const values = stringLiterals(statement.type.types);
        if (values) sets.push({ name: statement.name.text, file, values });
      }
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer;
          if (!init || !ts.isAsExpression(init) || !ts.isArrayLiteralExpression(init.expression))
            continue;
          const values = stringLiterals(init.expression.elements);
          if (values && ts.isIdentifier(declaration.name))
            sets.push({ name: declaration.name.text, file, values });
        }
      }
    }
  }
  return sets;
}

describe('the glossary', () => {
  const glossary = readFileSync(join(root, 'docs', 'glossary.md'), 'utf8');
  const sets = valueSets();

  it('finds the value sets it is meant to check', () => {
    const names = new Set(sets.map((s) => s.name));
    for (const expected of [
      'MemberStatus',
      'ROLES',
      'CHANNELS',
      'INPUT_KINDS',
      'ObservationStatus',
    ]) {
      assert.ok(names.has(expected), `${expected} niet gevonden in src/`);
    }
  });

  it('names every Dutch value used in code between backticks', () => {
    const missing: string[] = [];
    for (const set of sets) {
      if (set.name in TECHNICAL) continue;
      for (const value of set.values) {
        if (!glossary.includes('`' + value + '`'))
          missing.push(`${set.name} (${set.file}): ${value}`);
      }
    }
    assert.deepEqual(missing, [], `docs/glossary.md mist deze waarden:\n${missing.join('\n')}`);
  });

  it('lists no technical exception that no longer exists', () => {
    const names = new Set(sets.map((s) => s.name));
    const stale = Object.keys(TECHNICAL).filter((name) => !names.has(name));
    assert.deepEqual(stale, []);
  });
});
