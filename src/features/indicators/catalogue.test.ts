import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDataProperties } from '../imports/cbs-metadata.ts';
import {
  CatalogueError,
  DEFAULT_CATALOGUE_FILE,
  loadCatalogue,
  parseCatalogue,
} from './catalogue.ts';
import { measureVariables } from './catalogue.schema.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const shippedRaw = (): { themes: unknown[]; indicators: Record<string, unknown>[] } & Record<
  string,
  unknown
> => JSON.parse(fs.readFileSync(DEFAULT_CATALOGUE_FILE, 'utf8'));

function refused(raw: unknown): CatalogueError {
  try {
    parseCatalogue(raw, 'catalogue/indicators.json');
  } catch (error) {
    assert.ok(error instanceof CatalogueError, `expected CatalogueError, got ${String(error)}`);
    return error;
  }
  assert.fail('a broken catalogue was accepted');
}

describe('the shipped indicator catalogue', () => {
  const catalogue = loadCatalogue();

  it('has the five NPLV themes with their Dutch names', () => {
    assert.deepEqual(
      catalogue.themes.map((t) => [t.key, t.name]),
      [
        ['gezond-leven', 'Gezond leven'],
        ['wonen', 'Wonen'],
        ['werk-en-inkomen', 'Werk en inkomen'],
        ['onderwijs', 'Onderwijs'],
        ['veiligheid-en-leefbaarheid', 'Veiligheid en leefbaarheid van de openbare ruimte'],
      ],
    );
  });

  it('has at least 30 indicators, every theme used, each with every field filled', () => {
    assert.ok(catalogue.indicators.length >= 30, `only ${catalogue.indicators.length} indicators`);
    for (const theme of catalogue.themes) {
      assert.ok(
        catalogue.indicators.some((i) => i.theme === theme.key),
        `theme ${theme.key} has no indicator`,
      );
    }
    for (const i of catalogue.indicators) {
      for (const field of [
        'key',
        'theme',
        'name',
        'definition',
        'unit',
        'polarity',
        'base',
        'decimals',
      ] as const) {
        assert.notEqual(i[field], undefined, `${i.key}.${field}`);
        assert.notEqual(i[field], '', `${i.key}.${field}`);
      }
      assert.ok(i.source.publisher.length > 0, `${i.key}.source.publisher`);
      assert.ok(i.suppression.rule.length > 0, `${i.key}.suppression.rule`);
      assert.ok(i.measure.type.length > 0, `${i.key}.measure`);
    }
  });

  it('uses every measure type of the aggregation table', () => {
    const types = new Set(catalogue.indicators.map((i) => i.measure.type));
    for (const t of [
      'count',
      'ratio',
      'share_published',
      'mean',
      'median',
      'model_estimate',
      'survey_proportion',
    ]) {
      assert.ok(types.has(t as never), `no indicator of type ${t}`);
    }
  });

  it('names only KWB 2024 stems that exist in the CBS metadata of 85984NED', () => {
    const props = parseDataProperties(
      fs.readFileSync(path.join(root, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json')),
      '85984NED_DataProperties.json',
    );
    const stems = new Set(props.filter((p) => p.type === 'Topic').map((p) => p.stem));
    let checked = 0;
    for (const i of catalogue.indicators) {
      for (const s of [i.source, ...(i.otherSources ?? [])]) {
        if (s.tableId !== '85984NED') continue;
        for (const v of s.variables) {
          checked++;
          assert.ok(stems.has(v), `${i.key}: ${v} is not a stem of 85984NED`);
        }
      }
    }
    assert.ok(checked > 30, `only ${checked} KWB stems checked`);
  });

  it('can fill the population indicators from the shipped files (stems the importers produce)', () => {
    const byKey = new Map(catalogue.indicators.map((i) => [i.key, i]));
    assert.deepEqual(byKey.get('aantal-inwoners')?.measure, {
      type: 'count',
      variable: 'AantalInwoners',
    });
    assert.deepEqual(byKey.get('misdrijven-per-1000')?.measure, {
      type: 'ratio',
      numerator: 'GeregistreerdeMisdrijven',
      denominator: 'AantalInwoners',
      scale: 1000,
    });
    assert.deepEqual(
      measureVariables(byKey.get('kinderen-0-15')?.measure ?? { type: 'count', variable: 'x' }),
      // The PDOK 2023 percentage, its base, and the 85984NED count of the 2024 municipality file.
      ['PercentagePersonen0Tot15Jaar', 'AantalInwoners', 'k_0Tot15Jaar'],
    );
  });
});

describe('a broken catalogue', () => {
  it('refuses an unknown measure type and names the JSON path with the indicator key', () => {
    const raw = shippedRaw();
    (raw.indicators[2] as { measure: unknown }).measure = {
      type: 'gemiddelde-van-percentages',
      variable: 'X',
    };
    const error = refused(raw);
    const key = String(raw.indicators[2]?.key);
    assert.match(error.message, /catalogue\/indicators\.json/);
    assert.equal(error.problems[0]?.field, `indicators[2] (${key}).measure.type`);
  });

  it('refuses an unknown field instead of ignoring it', () => {
    const raw = shippedRaw();
    (raw.indicators[0] as Record<string, unknown>).eenheid = '%';
    const error = refused(raw);
    assert.match(error.problems[0]?.message ?? '', /onbekend veld: eenheid/);
    assert.match(error.problems[0]?.field ?? '', /^indicators\[0\]/);
  });

  it('refuses a duplicate indicator key', () => {
    const raw = shippedRaw();
    raw.indicators[5] = { ...raw.indicators[5], key: raw.indicators[4]?.key };
    const error = refused(raw);
    assert.ok(
      error.problems.some(
        (p) => p.field?.startsWith('indicators[5]') && /twee keer/.test(p.message),
      ),
    );
  });

  it('refuses a theme that does not exist', () => {
    const raw = shippedRaw();
    raw.indicators[1] = { ...raw.indicators[1], theme: 'sport' };
    const error = refused(raw);
    assert.ok(
      error.problems.some(
        (p) => /indicators\[1\] \(.+\)\.theme/.test(p.field ?? '') && /sport/.test(p.message),
      ),
    );
  });

  it('refuses a stem with an edition suffix and a measure variable without a source', () => {
    const raw = shippedRaw();
    const i = raw.indicators.findIndex((x) => (x.measure as { type: string }).type === 'count');
    raw.indicators[i] = {
      ...raw.indicators[i],
      measure: { type: 'count', variable: 'AantalInwoners_5' },
    };
    const error = refused(raw);
    assert.ok(
      error.problems.some(
        (p) => p.field?.endsWith('.measure.variable') && /zonder jaargangnummer/.test(p.message),
      ),
    );

    const raw2 = shippedRaw();
    raw2.indicators[i] = {
      ...raw2.indicators[i],
      measure: { type: 'count', variable: 'Onbekend' },
    };
    assert.ok(
      refused(raw2).problems.some((p) => /"Onbekend" staat niet bij de bron/.test(p.message)),
    );
  });

  it('refuses a missing field and a wrong polarity', () => {
    const raw = shippedRaw();
    const { definition: _d, ...rest } = raw.indicators[3] as Record<string, unknown>;
    raw.indicators[3] = rest;
    (raw.indicators[4] as Record<string, unknown>).polarity = 'hoger';
    const error = refused(raw);
    assert.ok(
      error.problems.some(
        (p) => p.field?.endsWith('.definition') && p.message === 'dit veld ontbreekt',
      ),
    );
    assert.ok(
      error.problems.some(
        (p) => p.field?.endsWith('.polarity') && /hoger-is-beter/.test(p.message),
      ),
    );
  });

  it('names the file when it is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-cat-'));
    const file = path.join(dir, 'kapot-fixture.json');
    fs.writeFileSync(file, '{ "version": "2026.1", ');
    try {
      assert.throws(
        () => loadCatalogue(file),
        (e: unknown) =>
          e instanceof CatalogueError && /kapot-fixture\.json.*geen geldige JSON/.test(e.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
