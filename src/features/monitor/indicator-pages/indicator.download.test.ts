import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IndicatorAggregate } from '../../aggregation/aggregation.service.ts';
import { findIndicator, loadCatalogue } from '../../indicators/catalogue.ts';
import type { Indicator } from '../../indicators/catalogue.schema.ts';
import { rowFlags, sourceText } from '../figure-notes.ts';
import {
  aggregationRuleText,
  buurtMapStatus,
  buurtTable,
  seriesTable,
} from './indicator.download.ts';
import type { AreaSelection, IndicatorProfile } from '../profile.types.ts';

// Structural checks only: the numbers below are placeholders, not figures from any source.
const catalogue = loadCatalogue();
const indicator = findIndicator(catalogue, 'bijstand-per-1000') as Indicator;

function result(partial: Partial<IndicatorAggregate>): IndicatorAggregate {
  return {
    indicatorKey: indicator.key,
    period: '2024',
    indelingYear: 2024,
    dataIndelingYears: {},
    status: 'berekend',
    value: 1,
    flags: [],
    includedCodes: ['BU00000001'],
    excluded: [],
    ...partial,
  };
}

const selection: AreaSelection = {
  kind: 'focusgebied',
  name: 'Voorbeeldgebied',
  municipalityCode: 'GM0000',
  municipalityName: 'Voorbeeldgemeente',
  indelingYear: 2024,
  buurtCodes: ['BU00000001'],
  slug: 'voorbeeld',
};

describe('indicator tables', () => {
  it('maps aggregation flags to row flags and marks secret buurten', () => {
    const flags = rowFlags(
      result({
        flags: ['voorlopig', 'benadering', 'herberekend'],
        excluded: [{ code: 'BU00000002', inhabitants: null, reason: 'geheim' }],
      }),
    );
    assert.deepEqual([...flags].sort(), ['geheim', 'herberekend', 'voorlopig']);
    assert.deepEqual(rowFlags(result({ flags: ['benadering'] })), []);
  });

  it('builds one series row per period per line, with trajectory rows', () => {
    const profile: IndicatorProfile = {
      indicator,
      loaded: true,
      periods: ['2023', '2024'],
      area: [
        { period: '2023', result: result({ period: '2023', value: 2 }) },
        { period: '2024', result: result({ value: 3, flags: ['voorlopig'] }) },
      ],
      references: [
        {
          key: 'nederland',
          label: 'Nederland',
          points: [
            {
              period: '2024',
              result: result({ status: 'onvoldoende data', value: null, note: 'te weinig' }),
            },
          ],
        },
      ],
      latest: null,
      baseline: null,
      change: null,
    };
    const table = seriesTable({
      selection,
      profile,
      dataVersion: 'v1',
      trajectory: [{ year: 2023, value: 2 }],
    });
    assert.equal(table.rows.length, 4);
    const nl = table.rows.find((r) => r.cells.gebied === 'Nederland');
    assert.equal(nl?.cells.waarde, null);
    assert.equal(nl?.cells.toelichting, 'te weinig');
    const area2024 = table.rows.find(
      (r) => r.cells.periode === '2024' && r.cells.soort === 'gebied',
    );
    assert.deepEqual(area2024?.flags, ['voorlopig']);
    assert.equal(table.rows.filter((r) => r.cells.soort === 'doeltraject').length, 1);
    assert.ok(!table.columns.some((c) => c.key === 'status' || c.key === 'bron'));
    assert.match(table.source, /^Bron: /);
  });

  it('gives every buurt a map row with geheim or missing when there is no value', () => {
    const secret = result({
      status: 'onvoldoende data',
      value: null,
      includedCodes: [],
      excluded: [{ code: 'BU00000002', inhabitants: null, reason: 'geheim' }],
    });
    const missing = result({
      status: 'onvoldoende data',
      value: null,
      includedCodes: [],
      excluded: [{ code: 'BU00000003', inhabitants: null, reason: 'ontbreekt' }],
    });
    const notDefined = result({
      status: 'onvoldoende data',
      value: null,
      includedCodes: [],
      excluded: [{ code: 'BU00000004', inhabitants: null, reason: 'niet van toepassing' }],
    });
    assert.equal(buurtMapStatus(secret), 'geheim');
    assert.equal(buurtMapStatus(missing), 'ontbreekt');
    const table = buurtTable({
      selection,
      indicator,
      period: '2024',
      dataVersion: 'v1',
      buurten: [
        { code: 'BU00000001', name: 'Een', member: true, result: result({}) },
        { code: 'BU00000002', name: 'Twee', member: false, result: secret },
        { code: 'BU00000003', name: 'Drie', member: false, result: missing },
        { code: 'BU00000004', name: 'Vier', member: false, result: notDefined },
      ],
    });
    assert.deepEqual(
      table.rows.map((r) => [r.areaCode, r.cells.uitkomst, r.flags.includes('geheim')]),
      [
        ['BU00000001', 'waarde', false],
        ['BU00000002', 'geheim (CBS)', true],
        ['BU00000003', 'geen gegevens', false],
        ['BU00000004', 'niet van toepassing', false],
      ],
    );
    assert.deepEqual(table.rows[3]!.flags, ['niet van toepassing']);
  });

  it('says the aggregation rule and the source in words', () => {
    assert.match(aggregationRuleText(indicator.measure), /per 1\.000/);
    const median = findIndicator(catalogue, 'mediaan-vermogen') as Indicator;
    assert.match(aggregationRuleText(median.measure), /mediaan/i);
    assert.ok(sourceText(indicator).startsWith(`Bron: ${indicator.source.publisher}`));
  });
});
