import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import { projectRoot } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { aggregateIndicator } from '../aggregation/aggregation.service.ts';
import { insertDataset, insertObservations } from '../datasets/dataset.repository.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { upsertAreas } from './area.repository.ts';
import { CrosswalkService } from './crosswalk.service.ts';

/*
 * Real 2023 outlines of three Oud-Krispijn buurten (PDOK/CBS) and a FIXTURE "indeling 2099"
 * (made up, labelled): Zuidendijk renumbered BU05059900, Viottakade and Erasmuslaan merged into
 * BU05059901. The crime counts are the real 2023 figures of these buurten (47018NED).
 */
const features = (
  JSON.parse(
    fs.readFileSync(
      path.join(projectRoot, 'datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson'),
      'utf8',
    ),
  ) as { features: { properties: { buurtcode: string }; geometry: Polygon | MultiPolygon }[] }
).features;
const outline = (code: string) => features.find((f) => f.properties.buurtcode === code)!.geometry;
const polygons = (g: Polygon | MultiPolygon) =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
const crime = new Map(
  fs
    .readFileSync(
      path.join(projectRoot, 'datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv'),
      'utf8',
    )
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => [c[3]!, Number(c[5])] as const),
);

const area = (year: number, code: string, geometry: Polygon | MultiPolygon) => ({
  indeling_year: year,
  code,
  kind: 'buurt' as const,
  name: code,
  parent_code: null,
  municipality_code: 'GM0505',
  geometry: JSON.stringify(geometry),
  is_water: 0,
});

async function seed(db: Kysely<Database>): Promise<void> {
  await upsertAreas(db, [
    ...['BU05050300', 'BU05050301', 'BU05050302'].map((c) => area(2023, c, outline(c))),
    area(2099, 'BU05059900', outline('BU05050300')),
    area(2099, 'BU05059901', {
      type: 'MultiPolygon',
      coordinates: [...polygons(outline('BU05050301')), ...polygons(outline('BU05050302'))],
    }),
  ]);
  await insertDataset(db, {
    id: 'politie-2023',
    kind: 'politie-47018',
    fingerprint: 'fixture',
    source: 'CBS/Politie',
    table_id: '47018NED',
    edition: null,
    title: 'fixture',
    file_name: 'politie-47018ned-2023-dordrecht.csv',
    file_hash: 'fixture',
    indeling_year: 2023,
    imported_at: '2026-01-01T00:00:00.000Z',
    imported_by: 'test',
    row_count: 3,
    observation_count: 3,
    area_count: 0,
    status: 'actief',
    attribution: 'Bron: CBS/Politie',
    municipality_code: 'GM0505',
  });
  await insertObservations(
    db,
    ['BU05050300', 'BU05050301', 'BU05050302'].map((code) => ({
      dataset_id: 'politie-2023',
      variable: 'GeregistreerdeMisdrijven',
      indeling_year: 2023,
      area_code: code,
      period: '2023',
      value: crime.get(code)!,
      numerator: null,
      denominator: null,
      status: 'definitief' as const,
    })),
  );
}

describeEachDialect('crosswalk derived from outlines, used where two indelingen meet', (getDb) => {
  const catalogue = loadCatalogue();
  const crimes = (db: Kysely<Database>, code: string) =>
    aggregateIndicator(db, catalogue, {
      indicatorKey: 'misdrijven',
      buurtCodes: [code],
      indelingYear: 2099,
      period: '2023',
    });

  it('a renumbered buurt keeps its 2023 series in indeling 2099; a merged one is named, not guessed', async () => {
    const { db } = getDb();
    await seed(db);
    // Without a crosswalk the 2023 figures cannot reach the 2099 codes.
    assert.equal((await crimes(db, 'BU05059900')).value, null);

    const service = new CrosswalkService(db);
    const outcome = await service.deriveAndStore({
      municipalityCode: 'GM0505',
      fromYear: 2023,
      toYear: 2099,
      actor: 'test',
    });
    assert.deepEqual(outcome, { derived: 6, added: 6, oneToOne: 2, withoutOutline: [] });
    const renumbered = await crimes(db, 'BU05059900');
    assert.equal(renumbered.value, crime.get('BU05050300'));
    assert.equal(renumbered.dataIndelingYears.GeregistreerdeMisdrijven, 2023);
    // Two 2023 buurten lie in BU05059901: their counts are not split or added by surface.
    const merged = await crimes(db, 'BU05059901');
    assert.equal(merged.value, null);

    assert.deepEqual(
      merged.excluded.map((e) => e.code),
      ['BU05059901'],
    );
    const split = await db
      .selectFrom('area_crosswalk')
      .selectAll()
      .where('from_code', '=', 'BU05059901')
      .orderBy('to_code')
      .execute();
    assert.deepEqual(
      split.map((r) => r.to_code),
      ['BU05050301', 'BU05050302'],
    );
    assert.ok(split.every((r) => Number(r.weight) > 0 && Number(r.weight) < 1));
    assert.match(split[0]!.note, /gewogen naar oppervlakte/);
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'omzettabel.afgeleid');

    // A second run adds nothing.
    const again = await service.deriveAndStore({
      municipalityCode: 'GM0505',
      fromYear: 2023,
      toYear: 2099,
      actor: 'test',
    });
    assert.equal(again.added, 0);
  });
});
