import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';
import type { OdataV4Input } from './odata-harvest.ts';
import { keyFromTitle, parseOdataV4 } from './odata-v4.importer.ts';

/** The recorded-format v4 fixtures (invented values) of test/fixtures/odata-v4. */
const dir = path.join(projectRoot, 'test', 'fixtures', 'odata-v4');
const file = (name: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(dir, `50150NED-${name}.fixture.json`)),
  fileName: `50150NED_${name}.json`,
});
function input(overrides: Partial<OdataV4Input> = {}): OdataV4Input {
  return {
    observations: [file('Observations-page1'), file('Observations-page2')],
    dimensions: file('Dimensions'),
    measureCodes: file('MeasureCodes'),
    codeLists: { Leeftijd: file('LeeftijdCodes'), Marges: file('MargesCodes') },
    ...overrides,
  };
}
const loaded = ['GM0505', 'BU05050100', 'BU05050101', 'BU05050102', 'BU05050103'];
const lookup: AreaLookup = {
  years: () => [2024],
  has: (y, c) => y === 2024 && loaded.includes(c),
  findByName: () => [],
};
const options = {
  tableId: '50150NED',
  indelingYear: 2024,
  fixed: { Leeftijd: '20300', Marges: 'MW00000' },
  municipalityCode: 'GM0505',
  skipUnknownAreas: true,
};
const json = (value: unknown): ImportInput => ({
  bytes: Buffer.from(JSON.stringify(value)),
  fileName: 'page.json',
});

describe('parseOdataV4 (CBS OData v4, long Observations)', () => {
  it('gives each measure the CBS key of its title, as the catalogue names them', () => {
    assert.equal(
      keyFromTitle('Ervaren gezondheid goed/zeer goed'),
      'ErvarenGezondheidGoedZeerGoed',
    );
    assert.equal(keyFromTitle('Ernstig/zeer ernstig eenzaam'), 'ErnstigZeerErnstigEenzaam');
    assert.equal(
      keyFromTitle('Eén of meer langdurige aandoeningen'),
      'EenOfMeerLangdurigeAandoeningen',
    );
    assert.equal(keyFromTitle('0 tot 15 jaar'), 'k_0Tot15Jaar');
    const parsed = parseOdataV4(input(), lookup, options);
    assert.deepEqual(
      parsed.variables.map((v) => v.stem),
      [
        'ErvarenGezondheidGoedZeerGoed',
        'HoogRisicoOpAngstOfDepressie',
        'ErnstigZeerErnstigEenzaam',
        'SociaalEenzaam',
      ],
    );
    assert.equal(parsed.variables[0]!.title, 'Ervaren gezondheid goed/zeer goed');
    assert.equal(parsed.variables[0]!.unit, '%');
  });

  it('reads figures, leaves out the 95% bound, and gives every missing figure its own state', () => {
    const parsed = parseOdataV4(input(), lookup, options);
    const find = (variable: string, area: string, period: string) =>
      parsed.observations.filter(
        (o) => o.variable === variable && o.area_code === area && o.period === period,
      );
    // A figure (invented fixture value); the MOG0095 row of the same cell is not read.
    assert.deepEqual(
      find('ErvarenGezondheidGoedZeerGoed', 'BU05050100', '2022').map((o) => [o.value, o.status]),
      [[64, 'definitief']],
    );
    // No observation while the table covers the area and period: a suppressed cell.
    assert.deepEqual(
      find('ErvarenGezondheidGoedZeerGoed', 'BU05050103', '2022').map((o) => [o.value, o.status]),
      [[null, 'geheim']],
    );
    // ValueAttribute "Impossible": cannot exist, never a secret and never a zero.
    assert.deepEqual(
      find('ErnstigZeerErnstigEenzaam', 'BU05050102', '2022').map((o) => [o.value, o.status]),
      [[null, 'niet van toepassing']],
    );
    // A measure with no figure for any area in 2012: its whole column is empty.
    const social2012 = parsed.observations.filter(
      (o) => o.variable === 'SociaalEenzaam' && o.period === '2012',
    );
    assert.equal(social2012.length, 5);
    assert.ok(social2012.every((o) => o.value === null && o.status === 'geheim'));
    // BU05050105 is not loaded: skipped and counted, so loading it later imports again.
    assert.equal(parsed.options.overgeslagen, '1');
    assert.ok(!parsed.observations.some((o) => o.area_code === 'BU05050105'));
    assert.equal(parsed.options.api, 'odata-v4');
    assert.equal(parsed.options.Marges, 'MW00000');
    // 5 areas × 4 measures × 3 periods, each exactly once.
    assert.equal(parsed.observations.length, 60);
    assert.equal(
      new Set(parsed.observations.map((o) => `${o.variable}|${o.area_code}|${o.period}`)).size,
      60,
    );
  });

  it('refuses an unknown ValueAttribute instead of guessing what it means, naming page and row', () => {
    const page = JSON.parse(file('Observations-page1').bytes.toString('utf8')) as {
      value: Record<string, unknown>[];
    };
    page.value[2]!.ValueAttribute = 'Confidential';
    page.value[2]!.Value = null;
    assert.throws(
      () => parseOdataV4(input({ observations: [json(page)] }), lookup, options),
      (error: unknown) => {
        assert.ok(error instanceof ImportValidationError);
        const problem = error.problems[0]!;
        assert.equal(problem.file, 'page.json');
        assert.equal(problem.field, 'value[2].ValueAttribute');
        assert.match(problem.message, /onbekende markering "Confidential"/);
        return true;
      },
    );
  });

  it('refuses a table with a dimension it cannot fix, and a fixed code the table does not have', () => {
    assert.throws(
      () => parseOdataV4(input(), lookup, { ...options, fixed: { Leeftijd: '20300' } }),
      /dimensie "Marges" wordt niet ondersteund/,
    );
    assert.throws(
      () =>
        parseOdataV4(input(), lookup, {
          ...options,
          fixed: { Leeftijd: '99999', Marges: 'MW00000' },
        }),
      /code "99999" bestaat niet in dimensie Leeftijd/,
    );
  });
});
