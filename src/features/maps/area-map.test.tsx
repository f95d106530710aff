import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geoArea } from 'd3-geo';
import type { Polygon } from 'geojson';
import { render } from 'preact-render-to-string';
import { AreaMap, projectShapes, type MapShape } from './area-map.tsx';
import { mergeGeometries, parseAreaGeometry, rewindForD3 } from './geometry.ts';

// Made-up squares near Dordrecht (fixture shapes, not CBS outlines).
function square(x: number, y: number, size: number, counterClockwise: boolean): Polygon {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return { type: 'Polygon', coordinates: [counterClockwise ? ring : [...ring].reverse()] };
}

describe('map geometry', () => {
  it('rewinds an RFC 7946 (counter-clockwise) ring so d3 sees a small area, not the globe', () => {
    const ccw = square(4.65, 51.79, 0.01, true);
    assert.ok(geoArea(ccw) > 12, 'd3 reads the unrewound ring as almost the whole sphere');
    const fixed = rewindForD3(ccw);
    assert.ok(geoArea(fixed) < 1e-6);
    assert.deepEqual(rewindForD3(fixed), fixed, 'an already clockwise ring is left as it is');
  });

  it('accepts only (multi)polygons from stored text', () => {
    assert.equal(parseAreaGeometry(null), undefined);
    assert.equal(parseAreaGeometry('{"type":"Point","coordinates":[4,51]}'), undefined);
    assert.equal(parseAreaGeometry('{not json'), undefined);
    assert.equal(parseAreaGeometry(JSON.stringify(square(4, 51, 1, true)))?.type, 'Polygon');
  });
});

describe('remembered geometry and projection', () => {
  const a = JSON.stringify(square(4.6, 51.8, 0.01, true));
  const b = JSON.stringify(square(4.62, 51.8, 0.01, true));

  it('hands out one geometry object per stored text, and a new one for new text', () => {
    const first = parseAreaGeometry(a);
    assert.ok(first);
    assert.equal(parseAreaGeometry(a), first);
    assert.notEqual(parseAreaGeometry(b), first);
  });

  it('merges the same parts into the same MultiPolygon with every polygon kept', () => {
    const parts = [parseAreaGeometry(a)!, parseAreaGeometry(b)!];
    const merged = mergeGeometries(parts);
    assert.equal(merged?.type, 'MultiPolygon');
    assert.equal(merged?.type === 'MultiPolygon' ? merged.coordinates.length : 0, 2);
    assert.equal(mergeGeometries(parts), merged);
    assert.equal(mergeGeometries([]), undefined);
  });

  it('draws the same path from memory as when projecting afresh', () => {
    const shape = (text: string, code: string): MapShape => ({
      code,
      geometry: parseAreaGeometry(text)!,
      className: '',
      title: code,
    });
    const shapes = [shape(a, 'fixture-a'), shape(b, 'fixture-b')];
    const first = projectShapes(shapes, 400, 8);
    const again = projectShapes(shapes, 400, 8);
    // A structurally equal copy has no remembered fit or paths: it is projected from scratch.
    const copies = shapes.map((s) => ({ ...s, geometry: structuredClone(s.geometry) }));
    const fresh = projectShapes(copies, 400, 8);
    assert.equal(again.height, first.height);
    assert.equal(fresh.height, first.height);
    for (const [i, s] of shapes.entries()) {
      const d = first.path(s.geometry);
      assert.ok(d && d.startsWith('M'));
      assert.equal(again.path(s.geometry), d);
      assert.equal(fresh.path(copies[i]!.geometry), d);
      assert.deepEqual(again.path.bounds(s.geometry), fresh.path.bounds(copies[i]!.geometry));
    }
    // Another size is another projection: other paths, not the remembered ones.
    assert.notEqual(
      projectShapes(shapes, 200, 8).path(shapes[0]!.geometry),
      first.path(shapes[0]!.geometry),
    );
  });
});

describe('AreaMap', () => {
  const shapes: MapShape[] = [
    {
      code: 'A',
      geometry: rewindForD3(square(4.65, 51.79, 0.01, true)),
      className: 'x',
      title: 'Een: lid',
    },
    {
      code: 'B',
      geometry: rewindForD3(square(4.66, 51.79, 0.01, false)),
      className: 'x',
      pattern: 'hatch',
      title: 'Twee',
    },
    {
      code: 'C',
      geometry: rewindForD3(square(5.5, 52.5, 0.01, true)),
      className: 'x',
      title: 'Ver weg',
    },
  ];

  it('has an accessible name and description, and a title per shape', () => {
    const svg = render(<AreaMap id="k" title="Kaart" description="Twee vakken" shapes={shapes} />);
    assert.match(svg, /role="img"/);
    assert.match(svg, /aria-labelledby="k-titel"/);
    assert.match(svg, /<title id="k-titel">Kaart<\/title>/);
    assert.match(svg, /<desc id="k-beschrijving">Twee vakken<\/desc>/);
    assert.equal((svg.match(/<path /g) ?? []).length, 3);
    assert.match(svg, /fill="url\(#k-hatch\)"/);
    assert.match(svg, /<pattern id="k-hatch"/);
    for (const d of svg.matchAll(/ d="([^"]*)"/g)) {
      assert.doesNotMatch(d[1]!, /\d\.\d\d/, 'coordinates are rounded to one decimal');
    }
  });

  it('leaves out shapes outside the view of a detail map', () => {
    const svg = render(
      <AreaMap
        id="d"
        title="Detail"
        description="Uitsnede"
        shapes={shapes}
        fitTo={shapes.slice(0, 2)}
        height={300}
      />,
    );
    assert.match(svg, /data-code="A"/);
    assert.match(svg, /data-code="B"/);
    assert.doesNotMatch(svg, /data-code="C"/);
    assert.match(svg, /viewBox="0 0 800 300"/);
  });

  it('renders nothing without shapes', () => {
    assert.equal(render(<AreaMap id="n" title="Leeg" description="" shapes={[]} />), '');
  });
});
