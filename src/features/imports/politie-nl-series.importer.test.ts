import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import {
  expectProblem,
  fromText,
  problemsOf,
  shipped,
} from '../../../test/fixtures/imports/problems.fixture.ts';
import type { AreaLookup } from './import.types.ts';
import { parsePolitieNlSeries } from './politie-nl-series.importer.ts';

const FILE = 'datasets/politie-reference/nl_misdrijven_per_soort_jaar_47025NED.csv';
const lookup: AreaLookup = {
  years: () => [2024],
  has: (year, code) => year === 2024 && code === 'NL00',
  findByName: () => [],
};

describe('parsePolitieNlSeries (shipped 47025NED, Nederland per soort misdrijf)', () => {
  it('reads NL00 per type and year under the 47018NED variables; 2023 is voorlopig; zeros are left out', () => {
    const parsed = parsePolitieNlSeries(shipped(FILE), lookup, {
      indelingYear: 2024,
      provisionalFrom: 2023,
    });
    const get = (variable: string, period: string) =>
      parsed.observations.find((o) => o.variable === variable && o.period === period);
    assert.deepEqual(
      [
        get('GeregistreerdeMisdrijven', '2023')?.value,
        get('GeregistreerdeMisdrijven', '2023')?.status,
      ],
      [802043, 'voorlopig'],
    );
    assert.equal(get('GeregistreerdeMisdrijven', '2012')?.value, 1127869);
    assert.equal(get('GeregistreerdeMisdrijven', '2012')?.status, 'definitief');
    assert.equal(get('GeregistreerdeMisdrijven.1.1.1', '2023')?.value, 22706);
    assert.equal(get('GeregistreerdeMisdrijven.1.4.6', '2023')?.value, 2435);
    // 708 rows, 24 of them 0 (a missing value the file's authors replaced by 0): not figures.
    assert.equal(parsed.rowCount, 708);
    assert.equal(parsed.options.nulWeggelaten, '24');
    assert.equal(parsed.observations.length, 708 - 24);
    assert.ok(parsed.observations.every((o) => o.area_code === 'NL00' && o.value !== 0));
    assert.equal(parsed.tableId, '47025NED');
  });

  it('names file, line, column and field of a bad row, and needs NL00 loaded', () => {
    const text = fs
      .readFileSync(path.join(projectRoot, FILE), 'utf8')
      .replace('Totaal misdrijven,2013,1078663', 'Alles,2013,1078663');
    expectProblem(
      problemsOf(() =>
        parsePolitieNlSeries(fromText('nl.csv', text), lookup, { indelingYear: 2024 }),
      ),
      {
        file: 'nl.csv',
        line: 3,
        column: 1,
        field: 'incident_type_code',
        message: /onbekende soort misdrijf "Alles"/,
      },
    );
    expectProblem(
      problemsOf(() => parsePolitieNlSeries(shipped(FILE), lookup, { indelingYear: 2023 })),
      {
        file: 'nl_misdrijven_per_soort_jaar_47025NED.csv',
        message: /NL00.*laad eerst de landelijke cijfers/,
      },
    );
  });
});
