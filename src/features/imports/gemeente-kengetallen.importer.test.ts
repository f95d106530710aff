import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  expectProblem,
  fromText,
  problemsOf,
  shipped,
} from '../../../test/fixtures/imports/problems.fixture.ts';
import { parseGemeenteKengetallen } from './gemeente-kengetallen.importer.ts';
import type { AreaLookup } from './import.types.ts';

const FILE = 'datasets/dordrecht-kengetallen/dordrecht_kengetallen_begroting_2014_2020.csv';
const lookup: AreaLookup = {
  years: () => [2023, 2024],
  has: (year, code) => (year === 2023 || year === 2024) && code === 'GM0505',
  findByName: () => [],
};
const HEADER = 'gemeentecode,gemeente,jaar,indicator,waarde,bron_editie,bron_url,opmerking';

describe('parseGemeenteKengetallen (shipped Dordrecht budget key figures 2014–2020)', () => {
  const parsed = parseGemeenteKengetallen(shipped(FILE), lookup, { indelingYear: 2024 });
  const get = (variable: string, period: string) =>
    parsed.observations.filter((o) => o.variable === variable && o.period === period);

  it('keeps only what CBS defines alike: inhabitants, 65+ and dwellings, 2014–2020, for GM0505', () => {
    assert.deepEqual([...new Set(parsed.observations.map((o) => o.variable))].sort(), [
      'AantalInwoners',
      'Woningvoorraad',
      'k_65JaarOfOuder',
    ]);
    // 3 variables × 7 years, one figure each after choosing the edition.
    assert.equal(parsed.observations.length, 21);
    assert.ok(
      parsed.observations.every((o) => o.area_code === 'GM0505' && o.indeling_year === 2024),
    );
    // Line 14 of the file: 2014 inwoners_totaal 118669 (Begroting 2018, the only edition for 2014).
    assert.equal(get('AantalInwoners', '2014')[0]?.value, 118669);
    // Line 101: 2020 inwoners_65plus 22973 (Begroting 2021); line 133: 2020 woningen_totaal 55091.
    assert.equal(get('k_65JaarOfOuder', '2020')[0]?.value, 22973);
    assert.equal(get('Woningvoorraad', '2020')[0]?.value, 55091);
  });

  it('takes the newest edition where two budgets differ: 2017 inhabitants 118703, not 118284', () => {
    // Line 17 (Begroting 2018) says 118284; lines 59 and 102 (Begroting 2020, 2021) say 118703.
    assert.deepEqual(
      get('AantalInwoners', '2017').map((o) => o.value),
      [118703],
    );
  });

  it('names what it leaves out and why, never storing benefits under a CBS person count', () => {
    assert.equal(
      parsed.observations.some((o) => /Uitkering|Koopwoningen/.test(o.variable)),
      false,
    );
    assert.match(
      parsed.options.nietGebruikt ?? '',
      /bijstandsuitkeringen: uitkeringen, geen personen/,
    );
    assert.match(parsed.options.nietGebruikt ?? '', /inwoners_0_19: leeftijdsgroep 0 tot 20 jaar/);
    assert.match(parsed.attribution, /^Bron: CBS, via de begrotingen van de gemeente Dordrecht/);
    assert.equal(parsed.tableId, 'dordrecht-kengetallen');
  });

  it('refuses an unknown key figure, naming file, line, column and field', () => {
    const problems = problemsOf(() =>
      parseGemeenteKengetallen(
        fromText(
          'kengetallen.csv',
          `${HEADER}\nGM0505,Dordrecht,2019,inwoners_totaal,118709,Begroting 2020,,\nGM0505,Dordrecht,2019,jeugdwerkloosheid,12,Begroting 2020,,\n`,
        ),
        lookup,
        { indelingYear: 2024 },
      ),
    );
    expectProblem(problems, {
      file: 'kengetallen.csv',
      line: 3,
      column: 4,
      field: 'indicator',
      message: /onbekend kengetal "jeugdwerkloosheid"/,
    });
  });

  it('refuses a municipality that is not in the indeling', () => {
    const problems = problemsOf(() =>
      parseGemeenteKengetallen(
        fromText(
          'kengetallen.csv',
          `${HEADER}\nGM9999,Nergens,2019,inwoners_totaal,100,Begroting 2020,,\n`,
        ),
        lookup,
        { indelingYear: 2024 },
      ),
    );
    expectProblem(problems, {
      file: 'kengetallen.csv',
      line: 2,
      column: 1,
      field: 'gemeentecode',
      message: /onbekende gebiedscode: GM9999/,
    });
  });
});
