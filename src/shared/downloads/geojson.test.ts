import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Geometry, Position } from 'geojson';
import { projectRoot } from '../../config.ts';
import { parseAreaGeometry, type AreaGeometry } from '../../features/maps/geometry.ts';
import { oudKrispijnFixtureTable } from '../../../test/fixtures/downloads/data-table.fixture.ts';
import { toGeoJson, toRfc7946Geometry } from './geojson.ts';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Real buurt outlines (PDOK via CBS), read the way the app reads them (wound for d3). */
function realGeometries(): Map<string, AreaGeometry> {
  const file = path.join(
    projectRoot,
    'datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson',
  );
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: { buurtcode: string }; geometry: unknown }[];
  };
  const out = new Map<string, AreaGeometry>();
  for (const f of collection.features) {
    const geometry = parseAreaGeometry(JSON.stringify(f.geometry));
    if (geometry) out.set(f.properties.buurtcode, geometry);
  }
  return out;
}

/** Shoelace; positive is counter-clockwise with x east and y north. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  }
  return sum;
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`unexpected ${geometry.type}`);
}

function assertRightHandRule(geometry: Geometry) {
  for (const polygon of polygonsOf(geometry)) {
    for (const [i, ring] of polygon.entries()) {
      assert.deepEqual(ring[0], ring.at(-1), 'ring is closed');
      assert.ok(ring.length >= 4);
      if (i === 0) assert.ok(signedArea(ring) > 0, 'outer ring counter-clockwise');
      else assert.ok(signedArea(ring) < 0, 'hole clockwise');
      for (const p of ring) {
        for (const n of p) assert.equal(n, Number(n.toFixed(6)), `${n} has at most 6 decimals`);
      }
    }
  }
}

describe('toGeoJson', () => {
  it('makes one feature per row with cells, flags, source and RFC 7946 geometry', () => {
    const table = oudKrispijnFixtureTable();
    const geometries = realGeometries();
    // The app's stored geometry is wound for d3 (outer ring clockwise): the opposite of RFC 7946.
    const input = geometries.get('BU05050301')!;
    assert.ok(signedArea(polygonsOf(input)[0]![0]!) < 0);

    const collection = toGeoJson(table, geometries);
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, table.rows.length);
    assert.equal(collection.bron, table.source);
    assert.equal('crs' in collection, false, 'RFC 7946 has no crs member');
    for (const [i, feature] of collection.features.entries()) {
      const row = table.rows[i]!;
      assert.equal(feature.type, 'Feature');
      assert.equal(feature.id, row.areaCode);
      assert.equal(feature.properties.buurtcode, row.cells.buurtcode);
      assert.equal(feature.properties.status, row.flags.join('|'));
      assert.equal(feature.properties.bron, table.source);
      assert.ok(feature.geometry, `${row.areaCode} has a geometry`);
      assertRightHandRule(feature.geometry);
    }
    assert.equal(collection.features[1]!.properties.status, 'voorlopig|herberekend');
  });

  it('keeps a row without geometry, with geometry null', () => {
    const table = oudKrispijnFixtureTable();
    const collection = toGeoJson(table, new Map());
    assert.equal(collection.features.length, table.rows.length);
    assert.ok(collection.features.every((f) => f.geometry === null));
  });

  it('winds outer rings counter-clockwise and holes clockwise, whatever the input', () => {
    // A square with a square hole, both given in the wrong direction.
    const outerClockwise: Position[] = [
      [4, 51],
      [4, 52],
      [5, 52],
      [5, 51],
      [4, 51],
    ];
    const holeCounterClockwise: Position[] = [
      [4.2, 51.2],
      [4.8, 51.2],
      [4.8, 51.8],
      [4.2, 51.8],
      [4.2, 51.2],
    ];
    const out = toRfc7946Geometry({
      type: 'Polygon',
      coordinates: [outerClockwise, holeCounterClockwise],
    });
    assert.ok(out);
    assertRightHandRule(out);
    assert.equal(polygonsOf(out)[0]!.length, 2);
  });

  it('rounds to 6 decimals without leaving repeated points', () => {
    const out = toRfc7946Geometry({
      type: 'Polygon',
      coordinates: [
        [
          [4.1234567, 51.1234567],
          [4.12345671, 51.12345671],
          [4.2, 51.1],
          [4.2, 51.2],
          [4.1234567, 51.1234567],
        ],
      ],
    });
    assert.ok(out && out.type === 'Polygon');
    assert.deepEqual(out.coordinates[0]![0], [4.123457, 51.123457]);
    assert.equal(out.coordinates[0]!.length, 4);
    assertRightHandRule(out);
  });

  it('is read by GDAL (ogrinfo) with every feature', (t) => {
    const probe = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      if (inCi) assert.fail('CI: ogrinfo (Debian gdal-bin) is nodig voor deze test en ontbreekt.');
      t.skip('ogrinfo niet geïnstalleerd (Debian gdal-bin)');
      return;
    }
    const table = oudKrispijnFixtureTable();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-geojson-'));
    try {
      const file = path.join(dir, `${table.name}.geojson`);
      fs.writeFileSync(file, JSON.stringify(toGeoJson(table, realGeometries())));
      const info = execFileSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8' });
      assert.match(info, new RegExp(`Feature Count: ${table.rows.length}\\b`));
      assert.match(info, /Geometry: Multi Polygon/);
      assert.match(info, /WGS 84/);
      assert.match(info, /aandeel_buiten_europa: Real/);
      assert.match(info, /status: String/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
