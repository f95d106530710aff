/**
 * Writes the FIXTURE sample for the weighting tests (test/fixtures/survey-weighting/):
 *
 * - `fixture-population-margins.csv`: REAL population margins of Dordt West, residents of 15 and
 *   older, derived from the shipped CBS kerncijfers 2023 (see deriveAdultMargins for the rule);
 * - `fixture-respondents.csv`: 400 MADE-UP respondents from a seeded generator. Their answers are
 *   not survey results and must never be shown as such.
 *
 * The draw over-represents older residents and women (as postal surveys tend to), so the weights
 * are far from equal and the test is a real one. Running it again gives the same bytes.
 *
 *   node --import tsx scripts/survey-weighting-fixture.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  AGE_GROUPS,
  SEXES,
  deriveAdultMargins,
  type AgeGroup,
  type BuurtPopulation,
} from '../src/features/survey/weighting/adult-margins.ts';

const root = path.resolve(import.meta.dirname, '..');
export const FIXTURE_DIR = path.join(root, 'test/fixtures/survey-weighting');
export const RESPONDENTS_FILE = 'fixture-respondents.csv';
export const MARGINS_FILE = 'fixture-population-margins.csv';

const KERNCIJFERS = 'cbs-wijkenbuurten-2023/buurten_2023_drechtsteden_kerncijfers.csv';
const DORDT_WEST = 'dordt-west/dordt_west_buurten_2023.csv';
const SEED = 20261129;
const SAMPLE_SIZE = 400;
/** Every buurt gets this many respondents first, so no buurt is an empty cell. */
const PER_BUURT_FIRST = 2;

const AGE_COLUMN: Record<AgeGroup, string> = {
  '15-24': 'percentagePersonen15Tot25Jaar',
  '25-44': 'percentagePersonen25Tot45Jaar',
  '45-64': 'percentagePersonen45Tot65Jaar',
  '65+': 'percentagePersonen65JaarEnOuder',
};

export const THEMES = [
  'gezond-leven',
  'wonen',
  'werk-en-inkomen',
  'onderwijs',
  'veiligheid-en-leefbaarheid',
] as const;

type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
const numberOrNull = (s: string | undefined): number | null =>
  s === undefined || s.trim() === '' ? null : Number(s);

/** The Dordt West members ('ja') with their CBS kerncijfers 2023, and their focus-area wijk. */
export function readDordtWest(datasetsDir: string): {
  buurten: BuurtPopulation[];
  wijkOf: Map<string, string>;
} {
  const members = readCsv(path.join(datasetsDir, DORDT_WEST)).filter(
    (r) => r.in_dordt_west === 'ja',
  );
  const cbs = new Map(
    readCsv(path.join(datasetsDir, KERNCIJFERS)).map((r) => [r.buurtcode ?? '', r]),
  );
  const buurten = members.map((m): BuurtPopulation => {
    const row = cbs.get(m.buurtcode ?? '');
    if (!row) throw new Error(`${m.buurtcode} ontbreekt in ${KERNCIJFERS}`);
    return {
      buurtCode: m.buurtcode!,
      inhabitants: numberOrNull(row.aantalInwoners),
      men: numberOrNull(row.mannen),
      women: numberOrNull(row.vrouwen),
      agePercentages: Object.fromEntries(
        AGE_GROUPS.map((a) => [a, numberOrNull(row[AGE_COLUMN[a]])]),
      ) as Record<AgeGroup, number | null>,
    };
  });
  return { buurten, wijkOf: new Map(members.map((m) => [m.buurtcode!, m.focuswijk!])) };
}

/** mulberry32: small, seedable and the same on every platform. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickIndex(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Non-response pattern of the fixture: older residents and women answer more often. */
const AGE_PROPENSITY: Record<AgeGroup, number> = {
  '15-24': 0.45,
  '25-44': 0.8,
  '45-64': 1.2,
  '65+': 1.9,
};
const SEX_PROPENSITY: Record<string, number> = { man: 0.75, vrouw: 1.25 };
const WIJK_UNSAFE: Record<string, number> = {
  'Oud-Krispijn': 0,
  'Nieuw-Krispijn': -0.3,
  Wielwijk: 0.35,
  Crabbehof: 0.5,
};

interface Cell {
  buurt: string;
  leeftijd: AgeGroup;
  geslacht: string;
  weight: number;
}

const csvLine = (values: readonly string[]): string =>
  values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');

export function buildFixture(datasetsDir: string): { respondents: string; margins: string } {
  const { buurten, wijkOf } = readDordtWest(datasetsDir);
  const { margins } = deriveAdultMargins(buurten);
  const random = generator(SEED);
  const buurtTotals = margins[0]!.totals;
  const maleShare = margins[2]!.totals.man! / (margins[2]!.totals.man! + margins[2]!.totals.vrouw!);

  const cells: Cell[] = [];
  for (const b of buurten) {
    if (!(b.buurtCode in buurtTotals)) continue;
    const buurtFactor = 0.6 + 0.8 * random();
    for (const a of AGE_GROUPS) {
      for (const s of SEXES) {
        const share = s === 'man' ? maleShare : 1 - maleShare;
        const persons = ((b.agePercentages[a]! * b.inhabitants!) / 100) * share;
        cells.push({
          buurt: b.buurtCode,
          leeftijd: a,
          geslacht: s,
          weight: persons * buurtFactor * AGE_PROPENSITY[a] * SEX_PROPENSITY[s]!,
        });
      }
    }
  }

  const drawn: Cell[] = [];
  for (const code of Object.keys(buurtTotals)) {
    const own = cells.filter((c) => c.buurt === code);
    for (let k = 0; k < PER_BUURT_FIRST; k++) {
      drawn.push(
        own[
          pickIndex(
            random,
            own.map((c) => c.weight),
          )
        ]!,
      );
    }
  }
  const all = cells.map((c) => c.weight);
  while (drawn.length < SAMPLE_SIZE) drawn.push(cells[pickIndex(random, all)]!);
  for (let i = drawn.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [drawn[i], drawn[j]] = [drawn[j]!, drawn[i]!];
  }

  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const lines = [
    csvLine([
      'id',
      'buurt',
      'wijk',
      'leeftijd',
      'geslacht',
      'onveilig',
      'rapportcijfer',
      'eerste_thema',
    ]),
  ];
  drawn.forEach((c, i) => {
    const wijk = wijkOf.get(c.buurt)!;
    const ageEffect = { '15-24': -0.4, '25-44': 0, '45-64': 0.25, '65+': 0.6 }[c.leeftijd];
    const unsafe = logistic(
      -0.5 + (c.geslacht === 'vrouw' ? 0.5 : 0) + ageEffect + WIJK_UNSAFE[wijk]!,
    );
    const onveilig = random() < 0.04 ? '' : random() < unsafe ? 'ja' : 'nee';
    const grade = Math.round(
      6.6 - (WIJK_UNSAFE[wijk]! + (c.leeftijd === '65+' ? -0.4 : 0)) + 1.5 * normal(),
    );
    const rapportcijfer = random() < 0.03 ? '' : String(Math.min(10, Math.max(1, grade)));
    const young = c.leeftijd === '15-24' || c.leeftijd === '25-44';
    const themeWeights = young ? [0.12, 0.2, 0.3, 0.18, 0.2] : [0.22, 0.2, 0.1, 0.08, 0.4];
    const eersteThema = random() < 0.08 ? '' : THEMES[pickIndex(random, themeWeights)]!;
    lines.push(
      csvLine([
        `fixture-${String(i + 1).padStart(4, '0')}`,
        c.buurt,
        wijk,
        c.leeftijd,
        c.geslacht,
        onveilig,
        rapportcijfer,
        eersteThema,
      ]),
    );
  });

  const marginLines = [csvLine(['margin', 'category', 'total'])];
  for (const m of margins) {
    for (const [category, total] of Object.entries(m.totals)) {
      marginLines.push(csvLine([m.variable, category, String(total)]));
    }
  }
  return { respondents: lines.join('\n') + '\n', margins: marginLines.join('\n') + '\n' };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = buildFixture(path.join(root, 'datasets'));
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  fs.writeFileSync(path.join(FIXTURE_DIR, RESPONDENTS_FILE), built.respondents);
  fs.writeFileSync(path.join(FIXTURE_DIR, MARGINS_FILE), built.margins);
  console.log(`Geschreven: ${RESPONDENTS_FILE} en ${MARGINS_FILE} in ${FIXTURE_DIR}`);
}
