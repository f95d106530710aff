import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';
import { parsePdokGeojson, pdokStem } from './pdok-geojson.importer.ts';

const dir = path.join(projectRoot, 'datasets', 'cbs-wijkenbuurten-2023');
const read = (file: string): ImportInput => ({
  bytes: fs.readFileSync(path.join(dir, file)),
  fileName: file,
});

function lookupOf(codes: Iterable<string>, year = 2023): AreaLookup {
  const set = new Set(codes);
  return { years: () => [year], has: (y, c) => y === year && set.has(c), findByName: () => [] };
}

function fixture(features: unknown[]): ImportInput {
  return {
    bytes: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
    fileName: 'pdok-fixture.geojson',
  };
}

const square = (clockwise: boolean) => {
  const ring = [
    [4.6, 51.8],
    [4.61, 51.8],
    [4.61, 51.81],
    [4.6, 51.81],
    [4.6, 51.8],
  ];
  return { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] };
};

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

function rings(geometryText: string): { outer: number[][][]; holes: number[][][] } {
  const g = JSON.parse(geometryText) as { type: string; coordinates: unknown };
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  return { outer: polygons.map((p) => p[0]!), holes: polygons.flatMap((p) => p.slice(1)) };
}

function validationProblems(fn: () => unknown) {
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

describe('parsePdokGeojson', () => {
  it('reads the gemeente layer, keeps only the chosen municipality and adds NL00', () => {
    const parsed = parsePdokGeojson(read('gemeenten_drechtsteden.geojson'), lookupOf([]), {
      indelingYear: 2023,
      level: 'gemeente',
      municipalityCode: 'GM0505',
    });
    assert.deepEqual(
      parsed.areas.map((a) => `${a.kind}:${a.code}:${a.name}:${a.parent_code ?? '-'}`),
      ['land:NL00:Nederland:-', 'gemeente:GM0505:Dordrecht:NL00'],
    );
    assert.equal(parsed.rowCount, 1);
    assert.equal(parsed.kind, 'pdok-geojson');
    assert.equal(parsed.options.municipalityCode, 'GM0505');
  });

  it('reads the 13 wijken with their CBS names under a known gemeente', () => {
    const parsed = parsePdokGeojson(
      read('wijken_2023_dordrecht_dissolved.geojson'),
      lookupOf(['GM0505']),
      {
        indelingYear: 2023,
        level: 'wijk',
      },
    );
    const wijken = parsed.areas.filter((a) => a.kind === 'wijk');
    assert.equal(wijken.length, 13);
    assert.equal(wijken.find((w) => w.code === 'WK050508')?.name, 'Crabbehof/Zuidhoven');
    assert.ok(wijken.every((w) => w.parent_code === 'GM0505' && w.municipality_code === 'GM0505'));
    // The dissolved file's own sum of rounded buurt counts is not a CBS figure.
    assert.equal(parsed.observations.length, 0);
  });

  it('reads 133 buurten with suppressed values as geheim and KWB stems where they differ', () => {
    const wijken = parsePdokGeojson(
      read('wijken_2023_dordrecht_dissolved.geojson'),
      lookupOf(['GM0505']),
      {
        indelingYear: 2023,
        level: 'wijk',
      },
    );
    const known = ['GM0505', ...wijken.areas.map((a) => a.code)];
    const parsed = parsePdokGeojson(read('buurten_2023_dordrecht.geojson'), lookupOf(known), {
      indelingYear: 2023,
      level: 'buurt',
    });
    const buurten = parsed.areas.filter((a) => a.kind === 'buurt');
    assert.equal(buurten.length, 133);
    assert.ok(parsed.areas.some((a) => a.code === 'NL00' && a.kind === 'land'));

    const water = buurten.find((b) => b.code === 'BU05059997');
    assert.equal(water?.is_water, 1);
    assert.equal(water?.parent_code, 'GM0505');
    assert.equal(buurten.find((b) => b.code === 'BU05050300')?.parent_code, 'WK050503');

    const obs = (variable: string, code: string) =>
      parsed.observations.find((o) => o.variable === variable && o.area_code === code);
    assert.deepEqual(
      {
        value: obs('AantalInwoners', 'BU05050300')?.value,
        status: obs('AantalInwoners', 'BU05050300')?.status,
      },
      { value: 235, status: 'definitief' },
    );
    assert.deepEqual(
      {
        value: obs('AantalInwoners', 'BU05059997')?.value,
        status: obs('AantalInwoners', 'BU05059997')?.status,
      },
      { value: null, status: 'geheim' },
    );
    assert.equal(obs('HuishoudensTotaal', 'BU05050100')?.value, 480);
    assert.equal(obs('GemiddeldeHuishoudensgrootte', 'BU05050100')?.value, 1.7);
    assert.equal(obs('aantalHuishoudens', 'BU05050100'), undefined);
    assert.ok(parsed.observations.every((o) => o.period === '2023' && o.indeling_year === 2023));
    assert.equal(
      parsed.variables.find((v) => v.stem === 'PercentagePersonen0Tot15Jaar')?.unit,
      '%',
    );

    // The 24 Dordt West core buurten hold 28,740 inhabitants (SOURCES.md §3).
    const csv = fs.readFileSync(
      path.join(projectRoot, 'datasets/dordt-west/dordt_west_buurten_2023.csv'),
      'utf8',
    );
    const core = csv
      .split('\n')
      .filter((l) => l.split(',')[5] === 'ja')
      .map((l) => l.split(',')[0]!);
    assert.equal(core.length, 24);
    const total = core.reduce((s, code) => s + (obs('AantalInwoners', code)?.value ?? 0), 0);
    assert.equal(total, 28740);
  });

  it('stores outer rings clockwise and holes counter-clockwise, as d3-geo needs', () => {
    const parsed = parsePdokGeojson(
      read('buurten_2023_dordrecht.geojson'),
      lookupOf([
        'GM0505',
        'WK050501',
        'WK050502',
        'WK050503',
        'WK050504',
        'WK050505',
        'WK050506',
        'WK050507',
        'WK050508',
        'WK050509',
        'WK050510',
        'WK050511',
        'WK050519',
        'WK050598',
      ]),
      {
        indelingYear: 2023,
        level: 'buurt',
      },
    );
    let outer = 0;
    for (const area of parsed.areas) {
      if (!area.geometry) continue;
      const r = rings(area.geometry);
      outer += r.outer.length;
      assert.ok(
        r.outer.every((ring) => signedArea(ring) < 0),
        `${area.code} outer ring not clockwise`,
      );
      assert.ok(
        r.holes.every((ring) => signedArea(ring) > 0),
        `${area.code} hole not counter-clockwise`,
      );
    }
    assert.ok(outer >= 133);

    const fromCcw = parsePdokGeojson(
      fixture([
        {
          type: 'Feature',
          properties: { gemeentecode: 'GM0999', gemeentenaam: 'Fixturegem' },
          geometry: square(false),
        },
      ]),
      lookupOf([]),
      { indelingYear: 2023, level: 'gemeente' },
    );
    const ring = rings(fromCcw.areas[1]!.geometry!).outer[0]!;
    assert.ok(signedArea(ring) < 0);
  });

  it('refuses a buurt whose wijk is unknown, naming the feature and field', () => {
    const problems = validationProblems(() =>
      parsePdokGeojson(
        fixture([
          {
            type: 'Feature',
            properties: {
              buurtcode: 'BU09990101',
              buurtnaam: 'Fixturebuurt',
              wijkcode: 'WK099901',
              gemeentecode: 'GM0999',
              water: 'NEE',
            },
            geometry: square(true),
          },
        ]),
        lookupOf(['GM0999']),
        { indelingYear: 2023, level: 'buurt' },
      ),
    );
    assert.equal(problems[0]?.file, 'pdok-fixture.geojson');
    assert.equal(problems[0]?.field, 'features[0].properties.wijkcode');
    assert.match(problems[0]!.message, /WK099901/);
  });

  it('refuses text in a numeric attribute and a geometry that is not a polygon', () => {
    const problems = validationProblems(() =>
      parsePdokGeojson(
        fixture([
          {
            type: 'Feature',
            properties: { gemeentecode: 'GM0998', gemeentenaam: 'A', aantalInwoners: 'veel' },
            geometry: square(true),
          },
          {
            type: 'Feature',
            properties: { gemeentecode: 'GM0999', gemeentenaam: 'B' },
            geometry: { type: 'Point', coordinates: [4, 51] },
          },
        ]),
        lookupOf([]),
        { indelingYear: 2023, level: 'gemeente' },
      ),
    );
    assert.deepEqual(
      problems.map((p) => p.field),
      ['features[0].properties.aantalInwoners', 'features[1].geometry'],
    );
  });

  it('refuses a file that is not GeoJSON', () => {
    const problems = validationProblems(() =>
      parsePdokGeojson(
        { bytes: Buffer.from('{"type":"Feature"'), fileName: 'kapot-fixture.geojson' },
        lookupOf([]),
        {
          indelingYear: 2023,
          level: 'buurt',
        },
      ),
    );
    assert.equal(problems[0]?.file, 'kapot-fixture.geojson');
    assert.match(problems[0]!.message, /JSON/);
  });

  it('maps PDOK names to KWB stems only where the alias list says so', () => {
    assert.equal(pdokStem('aantalHuishoudens'), 'HuishoudensTotaal');
    assert.equal(pdokStem('bevolkingsdichtheidInwonersPerKm2'), 'Bevolkingsdichtheid');
    assert.equal(pdokStem('aantalInwoners'), 'AantalInwoners');
    assert.equal(pdokStem('percentageEenpersoonshuishoudens'), 'PercentageEenpersoonshuishoudens');
  });

  it('reads snake-case attributes under the camel-case stems and jaarcode as the year, not as a figure', () => {
    const parsed = parsePdokGeojson(
      fixture([
        {
          type: 'Feature',
          properties: {
            wijkcode: 'WK050501',
            wijknaam: 'Binnenstad',
            gemeentecode: 'GM0505',
            water: 'NEE',
            jaarcode: 2024,
            aantal_inwoners: '10390',
            bevolkingsdichtheid_inwoners_per_km2: '9539',
            percentage_personen_0_tot_15_jaar: '11',
            meest_voorkomende_postcode: '3311',
            aantalInwoners_som_buurten: 10370,
          },
          geometry: square(true),
        },
      ]),
      lookupOf(['GM0505'], 2024),
      { indelingYear: 2024, level: 'wijk' },
    );
    const byVariable = new Map(parsed.observations.map((o) => [o.variable, o]));
    assert.deepEqual([...byVariable.keys()].sort(), [
      'AantalInwoners',
      'Bevolkingsdichtheid',
      'PercentagePersonen0Tot15Jaar',
    ]);
    assert.equal(byVariable.get('AantalInwoners')?.value, 10390);
    assert.equal(byVariable.get('AantalInwoners')?.period, '2024');
    assert.equal(parsed.edition, '2024');
  });

  it("reads the older attribute names (BU_CODE, GM_NAAM, WATER, bu_code, gemeente_code) as today's, keeping today's spelling when both are there", () => {
    const parsed = parsePdokGeojson(
      fixture([
        {
          type: 'Feature',
          properties: {
            BU_CODE: 'BU05050100',
            BU_NAAM: 'Nieuwe Haven en omgeving',
            WK_CODE: 'WK050501',
            GM_CODE: 'GM0505',
            GM_NAAM: 'Dordrecht',
            WATER: 'NEE',
            JRSTATCODE: '2019BU05050100',
            JAAR: 2019,
            IND_WBI: 1,
            POSTCODE: '3311',
            OBJECTID: 17,
            Shape_Leng: 1234.5,
            Shape_Area: 56789,
            AANT_INW: 1230,
          },
          geometry: square(true),
        },
        {
          type: 'Feature',
          properties: {
            bu_code: 'BU05050199',
            bu_naam: 'Oude Maas (water)',
            wijk_code: 'WK050599',
            gemeente_code: 'GM0505',
            water: 'JA',
            WATER: 'NEE',
            jaar: '2019',
          },
          geometry: square(true),
        },
      ]),
      lookupOf(['GM0505', 'WK050501'], 2019),
      { indelingYear: 2019, level: 'buurt', municipalityCode: 'GM0505' },
    );
    const areas = new Map(parsed.areas.map((a) => [a.code, a]));
    assert.deepEqual(
      [...areas.keys()],
      ['NL00', 'BU05050100', 'BU05050199'],
      'both spellings give the code, and GM_CODE the municipality filter',
    );
    const first = areas.get('BU05050100')!;
    assert.equal(first.name, 'Nieuwe Haven en omgeving');
    assert.equal(first.parent_code, 'WK050501');
    assert.equal(first.municipality_code, 'GM0505');
    assert.equal(first.is_water, 0);
    const water = areas.get('BU05050199')!;
    assert.equal(water.is_water, 1, 'today\'s "water" wins over the older "WATER"');
    assert.equal(
      water.parent_code,
      'GM0505',
      'a water buurt without its wijk hangs under the gemeente',
    );
    assert.deepEqual(
      parsed.observations.map((o) => [o.variable, o.value, o.period]),
      [['AANT_INW', 1230, '2019']],
      'JAAR is the year; IND_WBI, POSTCODE, OBJECTID and the shape sizes are no figures; older measure names keep their own stem',
    );
  });

  it('names jaarcode in the problem when it is no year', () => {
    const problems = validationProblems(() =>
      parsePdokGeojson(
        fixture([
          {
            type: 'Feature',
            properties: { gemeentecode: 'GM0505', gemeentenaam: 'Dordrecht', jaarcode: 'twee' },
            geometry: square(true),
          },
        ]),
        lookupOf([], 2024),
        { indelingYear: 2024, level: 'gemeente' },
      ),
    );
    assert.equal(problems[0]?.field, 'features[0].properties.jaarcode');
    assert.match(problems[0]!.message, /ongeldig jaar "twee"/);
  });
});
