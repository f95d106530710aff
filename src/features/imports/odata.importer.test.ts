import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';
import { fetchOdataTable, OdataFetchError } from './odata.fetch.ts';
import { parseOdataJson, periodFromCbs } from './odata.importer.ts';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'odata');
const read = (file: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(fixtures, file)),
  fileName: file,
});
const META = '85984NED-DataProperties.fixture.json';
const PAGE1 = '85984NED-TypedDataSet-page1.fixture.json';
const PAGE2 = '85984NED-TypedDataSet-page2.fixture.json';

/** GM0505 and its 13 wijken, read from the real KWB 2024 file the fixtures were built from. */
const kwbRows = fs
  .readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/kwb2024_dordrecht.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const dordrechtCodes = kwbRows.map((r) => r[0]!);

function lookupOf(codes: Iterable<string>, year = 2024): AreaLookup {
  const set = new Set(codes);
  return { years: () => [year], has: (y, c) => y === year && set.has(c), findByName: () => [] };
}

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof ImportValidationError,
      `expected ImportValidationError, got ${String(error)}`,
    );
    return error.problems;
  }
  assert.fail('expected the import to be refused');
}

function pageWith(rows: unknown[], fileName = 'page-fixture.json'): ImportInput {
  return { bytes: Buffer.from(JSON.stringify({ value: rows })), fileName };
}

const page1Rows = (): Record<string, unknown>[] =>
  (
    JSON.parse(fs.readFileSync(path.join(fixtures, PAGE1), 'utf8')) as {
      value: Record<string, unknown>[];
    }
  ).value;

describe('parseOdataJson', () => {
  it('reads both pages of a TypedDataSet into observations by stem', () => {
    const parsed = parseOdataJson(
      { typedDataSet: [read(PAGE1), read(PAGE2)], dataProperties: read(META) },
      lookupOf(dordrechtCodes),
      { tableId: '85984NED', indelingYear: 2024, period: '2024' },
    );
    assert.equal(parsed.rowCount, 14);
    assert.equal(parsed.kind, 'cbs-odata');
    assert.equal(parsed.observations.length, 14 * 8);
    assert.deepEqual([...new Set(parsed.observations.map((o) => o.variable))].sort(), [
      'AantalInwoners',
      'Bevolkingsdichtheid',
      'Mannen',
      'OppervlakteLand',
      'OppervlakteTotaal',
      'OppervlakteWater',
      'Vrouwen',
      'Woningvoorraad',
    ]);
    // Every value equals the source CSV (columns 3..10 are the eight variables in fixture order).
    const keys = [
      'AantalInwoners',
      'Mannen',
      'Vrouwen',
      'Bevolkingsdichtheid',
      'Woningvoorraad',
      'OppervlakteTotaal',
      'OppervlakteLand',
      'OppervlakteWater',
    ];
    for (const row of kwbRows) {
      keys.forEach((stem, i) => {
        const o = parsed.observations.find((x) => x.area_code === row[0] && x.variable === stem);
        assert.equal(o?.value, Number(row[3 + i]), `${row[0]} ${stem}`);
        assert.equal(o?.period, '2024');
      });
    }
    assert.equal(
      parsed.variables.find((v) => v.stem === 'AantalInwoners')?.title,
      'Aantal inwoners',
    );
    assert.ok(
      !parsed.variables.some((v) => v.stem === 'Gemeentenaam'),
      'text topics are not observations',
    );
  });

  it('stores an unpublished (null) cell as geheim without a value', () => {
    const rows = page1Rows();
    rows[1]!.Woningvoorraad_35 = null;
    const parsed = parseOdataJson(
      { typedDataSet: pageWith(rows), dataProperties: read(META) },
      lookupOf(dordrechtCodes),
      {
        tableId: '85984NED',
        indelingYear: 2024,
        period: '2024',
      },
    );
    const o = parsed.observations.find(
      (x) => x.area_code === 'WK050501' && x.variable === 'Woningvoorraad',
    );
    assert.deepEqual({ value: o?.value, status: o?.status }, { value: null, status: 'geheim' });
  });

  it('refuses unknown areas and text values, naming page, row and field', () => {
    const rows = page1Rows();
    rows[2]!.Mannen_6 = '4165';
    const problems = problemsOf(() =>
      parseOdataJson(
        { typedDataSet: pageWith(rows, 'odata-fixture.json'), dataProperties: read(META) },
        lookupOf(dordrechtCodes.filter((c) => c !== 'WK050501')),
        { tableId: '85984NED', indelingYear: 2024, period: '2024' },
      ),
    );
    assert.deepEqual(
      problems.map((p) => `${p.file}|${p.field}`),
      ['odata-fixture.json|value[1].WijkenEnBuurten', 'odata-fixture.json|value[2].Mannen_6'],
    );
    assert.match(problems[0]!.message, /WK050501/);
  });

  it('needs a period when the table has no time dimension', () => {
    const problems = problemsOf(() =>
      parseOdataJson(
        { typedDataSet: read(PAGE1), dataProperties: read(META) },
        lookupOf(dordrechtCodes),
        {
          tableId: '85984NED',
          indelingYear: 2024,
        },
      ),
    );
    assert.match(problems[0]!.message, /periode/);
  });

  it('skips other municipalities when a municipality is chosen', () => {
    const rows = [...page1Rows(), { ...page1Rows()[0]!, ID: 99, WijkenEnBuurten: 'GM0014    ' }];
    const parsed = parseOdataJson(
      { typedDataSet: pageWith(rows), dataProperties: read(META) },
      lookupOf(dordrechtCodes),
      {
        tableId: '85984NED',
        indelingYear: 2024,
        period: '2024',
        municipalityCode: 'GM0505',
      },
    );
    assert.equal(parsed.rowCount, 7);
    assert.ok(!parsed.observations.some((o) => o.area_code === 'GM0014'));
  });

  it('turns CBS year codes into plain years', () => {
    assert.equal(periodFromCbs('2023JJ00'), '2023');
    assert.equal(periodFromCbs('2023KW01'), '2023KW01');
  });
});

describe('fetchOdataTable (recorded responses)', () => {
  function recorded(): { fetch: typeof fetch; urls: string[] } {
    const urls: string[] = [];
    const routes: Record<string, string> = {
      'https://opendata.cbs.nl/ODataFeed/odata/85984NED/DataProperties?$format=json': META,
      'https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$format=json': PAGE1,
      'https://opendata.cbs.nl/ODataApi/OData/85984NED/TypedDataSet?$format=json&$skip=7': PAGE2,
    };
    const fake = (async (input: string | URL | Request) => {
      const url = decodeURIComponent(String(input));
      urls.push(url);
      const file = routes[url];
      if (!file) return new Response('niet gevonden', { status: 404 });
      return new Response(fs.readFileSync(path.join(fixtures, file)), { status: 200 });
    }) as typeof fetch;
    return { fetch: fake, urls };
  }

  it('fetches DataProperties and follows odata.nextLink over every page', async () => {
    const { fetch, urls } = recorded();
    const result = await fetchOdataTable('85984NED', { fetch });
    assert.equal(urls.length, 3);
    assert.ok(Array.isArray(result.typedDataSet));
    assert.equal((result.typedDataSet as ImportInput[]).length, 2);
    const parsed = parseOdataJson(result, lookupOf(dordrechtCodes), {
      tableId: '85984NED',
      indelingYear: 2024,
      period: '2024',
    });
    assert.equal(parsed.rowCount, 14);
    assert.equal(
      parsed.observations.find((o) => o.area_code === 'GM0505' && o.variable === 'AantalInwoners')
        ?.value,
      122070,
    );
  });

  it('reports a refused request in Dutch and refuses a nextLink to another server', async () => {
    const { fetch } = recorded();
    await assert.rejects(
      fetchOdataTable('85984NED', { fetch, baseUrl: 'https://opendata.cbs.nl/elders' }),
      (e: unknown) => {
        assert.ok(e instanceof OdataFetchError);
        assert.match(e.message, /status 404/);
        return true;
      },
    );
    const hostile = (async (input: string | URL | Request) =>
      new Response(
        String(input).includes('DataProperties')
          ? fs.readFileSync(path.join(fixtures, META))
          : JSON.stringify({ value: [], 'odata.nextLink': 'https://example.org/steal' }),
      )) as typeof fetch;
    await assert.rejects(
      fetchOdataTable('85984NED', { fetch: hostile }),
      /buiten https:\/\/opendata\.cbs\.nl/,
    );
    await assert.rejects(fetchOdataTable('../etc', { fetch: hostile }), /tabelnummer/);
  });
});
