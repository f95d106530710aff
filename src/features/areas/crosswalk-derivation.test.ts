import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { MultiPolygon, Polygon } from 'geojson';
import { projectRoot } from '../../config.ts';
import { deriveCrosswalk, type OutlinedArea } from './crosswalk-derivation.ts';

/** Real 2023 outlines and hectares of four Oud-Krispijn buurten (PDOK/CBS, SOURCES.md §1). */
const features = (
  JSON.parse(
    fs.readFileSync(
      path.join(projectRoot, 'datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson'),
      'utf8',
    ),
  ) as {
    features: {
      properties: { buurtcode: string; oppervlakteTotaalInHa: number | string };
      geometry: Polygon | MultiPolygon;
    }[];
  }
).features;
const outline = (code: string) => features.find((f) => f.properties.buurtcode === code)!.geometry;
const hectares = (code: string) =>
  Number(features.find((f) => f.properties.buurtcode === code)!.properties.oppervlakteTotaalInHa);
const polygons = (g: Polygon | MultiPolygon) =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

const OLD = ['BU05050300', 'BU05050301', 'BU05050302', 'BU05050303'];
const indeling2023: OutlinedArea[] = OLD.map((code) => ({ code, geometry: outline(code) }));

/**
 * FIXTURE "indeling 2099" (made up, labelled): Zuidendijk only renumbered (BU05059900), Viottakade
 * and Erasmuslaan merged (BU05059901), Breitnerstraat unchanged. The outlines are the real ones;
 * only the codes and the merge are invented.
 */
const indeling2099: OutlinedArea[] = [
  { code: 'BU05059900', geometry: outline('BU05050300') },
  {
    code: 'BU05059901',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [...polygons(outline('BU05050301')), ...polygons(outline('BU05050302'))],
    },
  },
  { code: 'BU05050303', geometry: outline('BU05050303') },
];

describe('deriveCrosswalk: a crosswalk from the overlap of outlines, weighted by area', () => {
  const rows = deriveCrosswalk(indeling2023, indeling2099, { fromYear: 2023, toYear: 2099 });
  const row = (from: string, to: string) =>
    rows.find((r) => r.from_code === from && r.to_code === to);

  it('a renumbered and an unchanged buurt are 1:1 (weight exactly 1), said so in the note', () => {
    assert.equal(row('BU05050300', 'BU05059900')?.weight, 1);
    assert.match(row('BU05050300', 'BU05059900')!.note, /Zelfde gebied/);
    assert.equal(row('BU05050303', 'BU05050303')?.weight, 1);
    assert.equal(rows.filter((r) => r.from_code === 'BU05050300').length, 1);
  });

  it('a merge: each old buurt lies wholly in the new one, and the note says how weights were made', () => {
    assert.equal(row('BU05050301', 'BU05059901')?.weight, 1);
    assert.equal(row('BU05050302', 'BU05059901')?.weight, 1);
    assert.match(
      row('BU05050301', 'BU05059901')!.note,
      /overlap van de grenzen, gewogen naar oppervlakte/,
    );
  });

  it("a split the other way: the shares follow CBS's published surface (25 ha and 14 ha)", () => {
    const back = deriveCrosswalk(indeling2099, indeling2023, { fromYear: 2099, toYear: 2023 });
    const viotta = back.find((r) => r.from_code === 'BU05059901' && r.to_code === 'BU05050301')!;
    const erasmus = back.find((r) => r.from_code === 'BU05059901' && r.to_code === 'BU05050302')!;
    const expected = hectares('BU05050301') / (hectares('BU05050301') + hectares('BU05050302'));
    assert.ok(Math.abs(viotta.weight - expected) < 0.03, `${viotta.weight} ≈ ${expected}`);
    assert.ok(Math.abs(viotta.weight + erasmus.weight - 1) < 0.01);
    assert.ok(viotta.weight < 1 && erasmus.weight < 1, 'a split is never 1:1');
  });

  it('the real 2023 outlines against themselves are the identity', () => {
    const same = deriveCrosswalk(indeling2023, indeling2023, { fromYear: 2023, toYear: 2024 });
    assert.deepEqual(
      same.map((r) => [r.from_code, r.to_code, r.weight]),
      OLD.map((c) => [c, c, 1]),
    );
  });
});
