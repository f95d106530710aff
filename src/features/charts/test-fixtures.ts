import type { Polygon } from 'geojson';
import { rewindForD3 } from '../maps/index.ts';
import type { ChoroplethArea } from './choropleth.tsx';
import type { ChartSeries } from './time-series-chart.tsx';

/**
 * Made-up fixture data for the chart tests: squares near Dordrecht (not CBS outlines) and
 * invented values. Not real figures; only the shape of the data matters here.
 */
export function fixtureSquare(x: number, y: number, size = 0.01): Polygon {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return rewindForD3({ type: 'Polygon', coordinates: [ring] }) as Polygon;
}

/** Ten fixture buurten in a 5 × 2 grid with values 10, 20, ... 100, plus optional extras. */
export function fixtureAreas(extra: ChoroplethArea[] = []): ChoroplethArea[] {
  const areas: ChoroplethArea[] = Array.from({ length: 10 }, (_, i) => ({
    code: `BU-FIXTURE-${i + 1}`,
    name: `Fixturebuurt ${i + 1}`,
    geometry: fixtureSquare(4.64 + (i % 5) * 0.01, 51.79 + Math.floor(i / 5) * 0.01),
    value: (i + 1) * 10,
    status: 'waarde',
  }));
  return [...areas, ...extra];
}

export const fixtureSeries: ChartSeries[] = [
  {
    key: 'gebied',
    label: 'Fixturegebied',
    kind: 'gebied',
    points: [
      { period: '2019', value: 44.1 },
      { period: '2020', value: 45.3 },
      { period: '2021', value: null },
      { period: '2022', value: 46.2 },
      { period: '2023', value: 1047.25 },
    ],
  },
  {
    key: 'nederland',
    label: 'Nederland',
    kind: 'referentie',
    points: [
      { period: '2019', value: 38 },
      { period: '2020', value: 38.3 },
      { period: '2021', value: 38.6 },
      { period: '2022', value: 39 },
      { period: '2023', value: 39.4 },
    ],
  },
  {
    key: 'traject',
    label: 'Traject naar doel',
    kind: 'traject',
    points: [
      { period: '2023', value: 1047.25 },
      { period: '2030', value: 39.4 },
    ],
  },
];
