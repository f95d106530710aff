import fs from 'node:fs';
import path from 'node:path';
import type { NewArea } from '../src/features/areas/area.table.ts';
import { intBetween, mulberry32 } from './lib/prng.ts';

/**
 * SYNTHETIC national-size "Kerncijfers wijken en buurten" file in StatLine CSV form. No figure in
 * it is real: areas, names and values come from a seeded PRNG. Only the column titles are real
 * (85984NED DataProperties), so the StatLine importer maps them as it would a real download.
 * StatLine CSV has no comment lines, so the label lives in the file name, the area names and the
 * report.
 */
export const SYNTHETIC_FILE_NAME = 'synthetic-kwb-national.csv';
export const SYNTHETIC_SEED = 20241;
/** Real national KWB 2024 size, the figures the generator aims at with scale 1. */
export const NATIONAL_GEMEENTEN = 342;

interface RawProperty {
  ID: number;
  ParentID?: number | null;
  Key: string;
  Type: string;
  Title: string;
  Unit?: string | null;
  Datatype?: string | null;
  Decimals?: number | null;
}

export interface SyntheticTopic {
  key: string;
  /** StatLine header: TopicGroup path + title + unit, as CBS writes it. */
  header: string;
  datatype: 'Long' | 'Double';
  unit: string;
  decimals: number;
}

/** Reads DataProperties and returns the first `count` numeric Topics with their StatLine headers. */
export function numericTopics(dataPropertiesFile: string, count: number): SyntheticTopic[] {
  const json = JSON.parse(fs.readFileSync(dataPropertiesFile, 'utf8').replace(/^\uFEFF/, '')) as
    RawProperty[] | { value: RawProperty[] };
  const list = Array.isArray(json) ? json : json.value;
  const byId = new Map(list.map((p) => [p.ID, p]));
  const pathOf = (p: RawProperty): string => {
    const parts: string[] = [];
    for (
      let cur: RawProperty | undefined = p;
      cur;
      cur = cur.ParentID == null ? undefined : byId.get(cur.ParentID)
    ) {
      parts.unshift(cur.Title);
    }
    return parts.join('/');
  };
  const topics = list
    .filter((p) => p.Type === 'Topic' && (p.Datatype === 'Long' || p.Datatype === 'Double'))
    .slice(0, count)
    .map((p) => ({
      key: p.Key,
      header: `${pathOf(p)} (${p.Unit ?? ''})`,
      datatype: p.Datatype as 'Long' | 'Double',
      unit: p.Unit ?? '',
      decimals: p.Decimals ?? 0,
    }));
  if (topics.length < count)
    throw new Error(`DataProperties heeft maar ${topics.length} numerieke Topics`);
  return topics;
}

export interface SyntheticArea {
  code: string;
  name: string;
  kind: 'land' | 'gemeente' | 'wijk' | 'buurt';
  gemeenteName: string;
  soort: string;
  parent: string | null;
  municipality: string | null;
}

/**
 * 1 NL + gemeenten (342 at scale 1) + on average 10 wijken per gemeente + on average 3.9 buurten
 * per wijk: about 17,000 areas at scale 1, like the real KWB 2024 (342 / 3,400 / 13,300).
 */
export function syntheticAreas(scale: number, seed = SYNTHETIC_SEED): SyntheticArea[] {
  const rng = mulberry32(seed);
  const gemeenten = Math.max(1, Math.round(NATIONAL_GEMEENTEN * scale));
  const areas: SyntheticArea[] = [
    {
      code: 'NL00',
      name: 'Nederland (SYNTHETISCH)',
      kind: 'land',
      gemeenteName: '',
      soort: 'Land',
      parent: null,
      municipality: null,
    },
  ];
  for (let g = 1; g <= gemeenten; g++) {
    const gm = String(g).padStart(4, '0');
    const gmCode = `GM${gm}`;
    const gmName = `SYNTHETISCH gemeente ${gm}`;
    areas.push({
      code: gmCode,
      name: gmName,
      kind: 'gemeente',
      gemeenteName: gmName,
      soort: 'Gemeente',
      parent: 'NL00',
      municipality: gmCode,
    });
    const wijken = intBetween(rng, 1, 19);
    for (let w = 1; w <= wijken; w++) {
      const wk = String(w).padStart(2, '0');
      const wkCode = `WK${gm}${wk}`;
      areas.push({
        code: wkCode,
        name: `Wijk ${wk} SYNTHETISCH ${gm}-${wk}`,
        kind: 'wijk',
        gemeenteName: gmName,
        soort: 'Wijk',
        parent: gmCode,
        municipality: gmCode,
      });
      const buurten = intBetween(rng, 1, 7) - (rng() < 0.1 ? 1 : 0) || 1;
      for (let b = 0; b < buurten; b++) {
        const bu = String(b).padStart(2, '0');
        areas.push({
          code: `BU${gm}${wk}${bu}`,
          name: `SYNTHETISCH buurt ${gm}-${wk}-${bu}`,
          kind: 'buurt',
          gemeenteName: gmName,
          soort: 'Buurt',
          parent: wkCode,
          municipality: gmCode,
        });
      }
    }
  }
  return areas;
}

export function toNewAreas(areas: readonly SyntheticArea[], indelingYear: number): NewArea[] {
  return areas.map((a) => ({
    indeling_year: indelingYear,
    code: a.code,
    kind: a.kind,
    name: a.name,
    parent_code: a.parent,
    municipality_code: a.municipality,
    geometry: null,
    is_water: 0,
  }));
}

const MAGNITUDE: Record<SyntheticArea['kind'], number> = {
  land: 18_000_000,
  gemeente: 60_000,
  wijk: 8_000,
  buurt: 1_500,
};
/** Share of cells CBS would suppress ('.'): small areas far more often. */
const SECRET_SHARE: Record<SyntheticArea['kind'], number> = {
  land: 0,
  gemeente: 0.002,
  wijk: 0.01,
  buurt: 0.04,
};

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A plausible-looking value in StatLine notation (decimal comma), or '.' for a secret cell. */
function cell(rng: () => number, topic: SyntheticTopic, kind: SyntheticArea['kind']): string {
  if (rng() < SECRET_SHARE[kind]) return '.';
  const share = /%|procent|percentage/i.test(topic.unit) || topic.unit === '%';
  if (topic.datatype === 'Double' || topic.decimals > 0) {
    const decimals = Math.max(1, topic.decimals);
    const max = share ? 100 : 50;
    return (rng() * max).toFixed(decimals).replace('.', ',');
  }
  const max = share ? 100 : MAGNITUDE[kind];
  return String(Math.floor(rng() * max));
}

/** The identifying columns StatLine puts before the topics when "Regioaanduiding" is selected. */
export const ID_HEADERS = [
  'Wijken en buurten',
  'Regioaanduiding/Gemeentenaam (naam)',
  'Regioaanduiding/Soort regio (omschrijving)',
  'Regioaanduiding/Codering (code)',
] as const;

/** The whole file as bytes: UTF-8 with BOM, `;`, CRLF, quoted texts, like a StatLine download. */
export function syntheticKwbCsv(
  areas: readonly SyntheticArea[],
  topics: readonly SyntheticTopic[],
  seed = SYNTHETIC_SEED,
): Buffer {
  const rng = mulberry32(seed ^ 0x5eed);
  const lines: string[] = [[...ID_HEADERS, ...topics.map((t) => t.header)].map(quote).join(';')];
  for (const a of areas) {
    // StatLine pads Codering, Gemeentenaam and Soort regio to a fixed width; the importer trims.
    const fields = [
      quote(a.name),
      quote(a.gemeenteName.padEnd(40)),
      quote(a.soort.padEnd(10)),
      quote(a.code.padEnd(10)),
    ];
    for (const t of topics) fields.push(cell(rng, t, a.kind));
    lines.push(fields.join(';'));
  }
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
  ]);
}

export interface SyntheticKwb {
  file: string;
  bytes: Buffer;
  areas: SyntheticArea[];
  topics: SyntheticTopic[];
  counts: Record<SyntheticArea['kind'], number>;
}

export function writeSyntheticKwb(
  dir: string,
  dataPropertiesFile: string,
  scale: number,
  variables = 100,
): SyntheticKwb {
  const topics = numericTopics(dataPropertiesFile, variables);
  const areas = syntheticAreas(scale);
  const bytes = syntheticKwbCsv(areas, topics);
  const file = path.join(dir, SYNTHETIC_FILE_NAME);
  fs.writeFileSync(file, bytes);
  const counts = { land: 0, gemeente: 0, wijk: 0, buurt: 0 };
  for (const a of areas) counts[a.kind]++;
  return { file, bytes, areas, topics, counts };
}
