import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { loadCatalogue } from '../indicators/index.ts';
import { HEALTH_FIXED_DIMENSIONS } from './cbs-sources.ts';
import type { AreaLookup, ImportInput, ParsedObservation } from './import.types.ts';
import { parseOdataV4 } from './odata-v4.importer.ts';
import { parseOdataJson } from './odata.importer.ts';

/**
 * The v3 reader's fixed dimensions (ADR 0046), shown on 50150NED as RIVM publishes it over
 * OData v3 on dataderden.cbs.nl: test/fixtures/odata/50150NED-*, built from the v4 fixtures
 * of test/fixtures/odata-v4 (the same invented figures), so both paths can be compared.
 */
const v3Dir = path.join(projectRoot, 'test', 'fixtures', 'odata');
const v4Dir = path.join(projectRoot, 'test', 'fixtures', 'odata-v4');
const v3 = (name: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(v3Dir, `50150NED-${name}.fixture.json`)),
  fileName: `50150NED_${name}.json`,
});
const v4 = (name: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(v4Dir, `50150NED-${name}.fixture.json`)),
  fileName: `50150NED_${name}.json`,
});
const v3Input = (pages = [v3('TypedDataSet-page1'), v3('TypedDataSet-page2')]) => ({
  typedDataSet: pages,
  dataProperties: v3('DataProperties'),
});
const loaded = ['GM0505', 'BU05050100', 'BU05050101', 'BU05050102', 'BU05050103'];
const lookup: AreaLookup = {
  years: () => [2024],
  has: (y, c) => y === 2024 && loaded.includes(c),
  findByName: () => [],
};
const options = {
  tableId: '50150NED',
  indelingYear: 2024,
  fixed: HEALTH_FIXED_DIMENSIONS,
  municipalityCode: 'GM0505',
  skipUnknownAreas: true,
};
const rowsOf = (page: ImportInput) =>
  (JSON.parse(page.bytes.toString('utf8')) as { value: Record<string, unknown>[] }).value;
const pageWith = (rows: unknown[]): ImportInput => ({
  bytes: Buffer.from(JSON.stringify({ value: rows })),
  fileName: 'page.json',
});

function problemsOf(fn: () => unknown): ImportProblem[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ImportValidationError, `expected a refusal, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected the table to be refused');
}

const cell = (o: ParsedObservation) => `${o.variable}|${o.area_code}|${o.period}`;

describe('parseOdataJson with fixed dimensions (50150NED over OData v3)', () => {
  it('still refuses a dimension besides region and period when it is not fixed', () => {
    const problems = problemsOf(() =>
      parseOdataJson(v3Input(), lookup, { ...options, fixed: undefined }),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['Leeftijd', 'Marges'],
    );
    assert.match(problems[0]!.message, /dimensie "Leeftijd" wordt niet ondersteund/);
    // Fixing one of the two is not enough.
    const one = problemsOf(() =>
      parseOdataJson(v3Input(), lookup, { ...options, fixed: { Leeftijd: '20300' } }),
    );
    assert.deepEqual(
      one.map((p) => p.field),
      ['Marges'],
    );
  });

  it('reads the rows of the fixed codes (padded keys compared trimmed) and leaves out the 95% bound', () => {
    const parsed = parseOdataJson(v3Input(), lookup, options);
    const find = (variable: string, area: string, period: string) =>
      parsed.observations
        .filter((o) => o.variable === variable && o.area_code === area && o.period === period)
        .map((o) => [o.value, o.status]);
    // 64 is the estimate (MW00000); the MOG0095 row of the same cell (58) is not read.
    assert.deepEqual(find('ErvarenGezondheidGoedZeerGoed', 'BU05050100', '2022'), [
      [64, 'definitief'],
    ]);
    assert.deepEqual(find('ErvarenGezondheidGoedZeerGoed', 'GM0505', '2012'), [[75, 'definitief']]);
    assert.equal(parsed.options.Leeftijd, '20300');
    assert.equal(parsed.options.Marges, 'MW00000');
    // 15 rows of loaded areas + 3 of BU05050105 (not loaded, skipped); the MOG0095 row is no row.
    assert.equal(parsed.rowCount, 18);
    assert.equal(parsed.options.overgeslagen, '3');
    assert.equal(parsed.observations.length, 60);
  });

  it('refuses a fixed code that no row holds, naming dimension and code', () => {
    const problems = problemsOf(() =>
      parseOdataJson(v3Input(), lookup, {
        ...options,
        fixed: { Leeftijd: '20300', Marges: 'MW99999' },
      }),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, 'Marges');
    assert.match(
      problems[0]!.message,
      /code "MW99999" van dimensie Marges komt in geen enkele rij/,
    );
  });

  it('refuses a fixed dimension the table does not have, and a row without its code', () => {
    const missing = problemsOf(() =>
      parseOdataJson(v3Input(), lookup, {
        ...options,
        fixed: { ...HEALTH_FIXED_DIMENSIONS, Geslacht: 'T001038' },
      }),
    );
    assert.equal(missing[0]!.field, 'Geslacht');
    assert.match(missing[0]!.message, /de tabel heeft geen dimensie "Geslacht"/);

    const rows = rowsOf(v3('TypedDataSet-page1'));
    delete rows[2]!.Marges;
    const row = problemsOf(() => parseOdataJson(v3Input([pageWith(rows)]), lookup, options));
    assert.equal(row[0]!.file, 'page.json');
    assert.equal(row[0]!.field, 'value[2].Marges');
    assert.match(row[0]!.message, /code van dimensie Marges ontbreekt/);
  });

  it('stores the same observations as the v4 path, except where v4 marks a cell "Impossible"', () => {
    const fromV3 = parseOdataJson(v3Input(), lookup, options);
    const fromV4 = parseOdataV4(
      {
        observations: [v4('Observations-page1'), v4('Observations-page2')],
        dimensions: v4('Dimensions'),
        measureCodes: v4('MeasureCodes'),
        codeLists: { Leeftijd: v4('LeeftijdCodes'), Marges: v4('MargesCodes') },
      },
      lookup,
      options,
    );
    // The catalogue's health variables that the fixtures hold arrive under the same stems.
    const catalogue = loadCatalogue();
    const wanted = new Set(
      catalogue.indicators
        .filter((i) => i.source.tableId === '50150NED')
        .flatMap((i) => i.source.variables),
    );
    const stems = (vars: { stem: string }[]) =>
      vars.map((v) => v.stem).filter((s) => wanted.has(s));
    assert.deepEqual(stems(fromV3.variables), [
      'ErvarenGezondheidGoedZeerGoed',
      'HoogRisicoOpAngstOfDepressie',
      'ErnstigZeerErnstigEenzaam',
    ]);
    assert.deepEqual(stems(fromV3.variables), stems(fromV4.variables));
    assert.deepEqual(
      fromV3.variables.map((v) => [v.stem, v.title, v.unit]),
      fromV4.variables.map((v) => [v.stem, v.title, v.unit]),
    );

    const byCell = (list: ParsedObservation[]) => new Map(list.map((o) => [cell(o), o]));
    const a = byCell(fromV3.observations);
    const b = byCell(fromV4.observations);
    assert.equal(a.size, fromV3.observations.length, 'every v3 cell once');
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    const differences: string[][] = [];
    for (const [key, o] of a) {
      const other = b.get(key)!;
      assert.equal(o.value, other.value, `value of ${key}`);
      assert.equal(o.indeling_year, other.indeling_year);
      if (o.status !== other.status) differences.push([key, o.status, other.status]);
    }
    // v3's TypedDataSet sends a cell that cannot exist as null, like a secret one: the two
    // "Impossible" cells of the v4 fixture are the only difference (ADR 0046).
    assert.deepEqual(differences.sort(), [
      ['ErnstigZeerErnstigEenzaam|BU05050102|2022', 'geheim', 'niet van toepassing'],
      ['ErnstigZeerErnstigEenzaam|BU05050103|2022', 'geheim', 'niet van toepassing'],
    ]);
    assert.ok(fromV3.observations.filter((o) => o.value !== null).length >= 20);
  });
});
