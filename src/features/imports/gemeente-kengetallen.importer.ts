import type { ObservationStatus, Variable } from '../datasets/index.ts';
import {
  areaCodeProblem,
  DuplicateGuard,
  findColumn,
  parseCbsValue,
  ProblemList,
  readCsv,
  type CsvHeader,
} from './csv-reader.ts';
import { sha256 } from './import.service.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

/**
 * A municipality's key figures as published in its budgets ("kengetallen"), transcribed in long
 * form: `gemeentecode, gemeente, jaar, indicator, waarde, bron_editie, bron_url, opmerking`
 * (`datasets/dordrecht-kengetallen/dordrecht_kengetallen_begroting_2014_2020.csv`, SOURCES.md §4).
 *
 * Only figures whose definition matches a CBS variable become observations, under that variable;
 * the others are named in the dataset's options with the reason, never stored under a CBS name.
 * Where two budget editions give a year, the newest edition wins (the 2021 edition revised the
 * earlier years; SOURCES.md §4 says to prefer it).
 */
type Mapping = { use: true; stem: string; title: string } | { use: false; reason: string };

export const KENGETALLEN: Readonly<Record<string, Mapping>> = {
  inwoners_totaal: { use: true, stem: 'AantalInwoners', title: 'Aantal inwoners op 1 januari' },
  inwoners_65plus: {
    use: true,
    stem: 'k_65JaarOfOuder',
    title: 'Inwoners van 65 jaar of ouder op 1 januari',
  },
  woningen_totaal: { use: true, stem: 'Woningvoorraad', title: 'Woningen op 1 januari' },
  inwoners_0_19: {
    use: false,
    reason: 'leeftijdsgroep 0 tot 20 jaar; CBS deelt in als 0 tot 15 en 15 tot 25 jaar',
  },
  inwoners_20_64: {
    use: false,
    reason:
      'leeftijdsgroep 20 tot 65 jaar; CBS deelt in als 15 tot 25, 25 tot 45 en 45 tot 65 jaar',
  },
  arbeidsongeschiktheidsuitkeringen: {
    use: false,
    reason: 'uitkeringen, geen personen; tot de begroting 2020 van UWV, daarna van CBS',
  },
  werkloosheidsuitkeringen: { use: false, reason: 'uitkeringen van UWV, geen personen' },
  bijstandsuitkeringen: { use: false, reason: 'uitkeringen, geen personen' },
  uitkeringen_totaal: { use: false, reason: 'som van uitkeringen; CBS heeft geen totaal' },
  koopwoningen: {
    use: false,
    reason: 'koop en huur samen zijn het totaal; CBS houdt eigendom onbekend apart',
  },
  huurwoningen: {
    use: false,
    reason: 'koop en huur samen zijn het totaal; CBS houdt eigendom onbekend apart',
  },
};

export interface KengetallenOptions {
  /** Indeling year whose municipality area the figures belong to. */
  indelingYear: number;
}

const REQUIRED = [
  'gemeentecode',
  'gemeente',
  'jaar',
  'indicator',
  'waarde',
  'bron_editie',
] as const;

interface Candidate {
  observation: ParsedObservation;
  edition: number;
  editionLabel: string;
}

export function parseGemeenteKengetallen(
  input: ImportInput,
  lookup: AreaLookup,
  options: KengetallenOptions,
): ParsedImport {
  const problems = new ProblemList(input.fileName);
  const column: Record<(typeof REQUIRED)[number], number> = {
    gemeentecode: -1,
    gemeente: -1,
    jaar: -1,
    indicator: -1,
    waarde: -1,
    bron_editie: -1,
  };
  let header: CsvHeader | undefined;
  const duplicates = new DuplicateGuard();
  const best = new Map<string, Candidate>();
  const skipped = new Map<string, string>();
  const municipalities = new Map<string, string>();
  const editions = new Set<string>();

  const { rowCount } = readCsv(input, { minColumns: REQUIRED.length }, problems, {
    header(h) {
      header = h;
      for (const name of REQUIRED) {
        column[name] = findColumn(h.fields, name);
        if (column[name] < 0) {
          problems.add({
            line: 1,
            message: `kolom ontbreekt: ${name} (verwacht ${REQUIRED.join(', ')})`,
          });
        }
      }
      problems.throwIfAny();
    },
    row({ line, fields }) {
      const h = header as CsvHeader;
      const at = (c: number) => ({ line, column: c + 1, field: h.fields[c] });
      const cell = (c: number) => (fields[c] ?? '').trim();
      const code = cell(column.gemeentecode);
      const areaProblem = /^GM\d{4}$/.test(code)
        ? areaCodeProblem(lookup, options.indelingYear, code)
        : `"${code}" is geen gemeentecode (verwacht GMxxxx)`;
      if (areaProblem) {
        problems.add({ ...at(column.gemeentecode), message: areaProblem });
        return;
      }
      const year = cell(column.jaar);
      if (!/^\d{4}$/.test(year)) {
        problems.add({
          ...at(column.jaar),
          message: `onbekend jaar "${year}"; verwacht bijvoorbeeld 2019`,
        });
        return;
      }
      const editionLabel = cell(column.bron_editie);
      const edition = /(\d{4})\s*$/.exec(editionLabel);
      if (!edition) {
        problems.add({
          ...at(column.bron_editie),
          message: `onbekende editie "${editionLabel}"; verwacht bijvoorbeeld Begroting 2021`,
        });
        return;
      }
      const name = cell(column.indicator);
      const mapping = KENGETALLEN[name];
      if (!mapping) {
        problems.add({
          ...at(column.indicator),
          message: `onbekend kengetal "${name}"; bekend zijn ${Object.keys(KENGETALLEN).join(', ')}`,
        });
        return;
      }
      const value = parseCbsValue(cell(column.waarde), false);
      if (!value.ok) {
        problems.add({ ...at(column.waarde), message: value.message });
        return;
      }
      const earlier = duplicates.check(`${code}|${name}|${year}|${edition[1]}`, line);
      if (earlier !== undefined) {
        problems.add({
          ...at(column.indicator),
          message: `dubbele rij: ${name}, ${year}, ${editionLabel} staat al op regel ${earlier}`,
        });
        return;
      }
      municipalities.set(code, cell(column.gemeente));
      editions.add(editionLabel);
      if (!mapping.use) {
        skipped.set(name, mapping.reason);
        return;
      }
      const status: ObservationStatus = value.status;
      const candidate: Candidate = {
        edition: Number(edition[1]),
        editionLabel,
        observation: {
          variable: mapping.stem,
          indeling_year: options.indelingYear,
          area_code: code,
          period: year,
          value: value.value,
          numerator: null,
          denominator: null,
          status,
        },
      };
      const key = `${mapping.stem}|${code}|${year}`;
      const current = best.get(key);
      if (!current || candidate.edition > current.edition) best.set(key, candidate);
    },
  });
  problems.throwIfAny();
  if (best.size === 0)
    problems.fail({ message: 'geen enkel kengetal dat overeenkomt met een cijfer van CBS' });

  const names = [...new Set(municipalities.values())].join(', ');
  // A name for a source without a CBS table id, as the catalogue names it (dordrecht-kengetallen).
  const tableId = `${names.toLocaleLowerCase('nl').replace(/[^a-z0-9]+/g, '-')}-kengetallen`;
  const observations = [...best.values()].map((c) => c.observation);
  const used = new Set(observations.map((o) => o.variable));
  const variables: Variable[] = Object.values(KENGETALLEN)
    .filter((m): m is Extract<Mapping, { use: true }> => m.use && used.has(m.stem))
    .map((m) => ({
      stem: m.stem,
      table_id: tableId,
      title: `${m.title} (kengetallen uit de begroting)`,
      unit: 'aantal',
      description: null,
    }));
  const editionList = [...editions].sort().join(', ');
  return {
    kind: 'gemeente-kengetallen',
    source: `Gemeente ${names} (begroting, kengetallen)`,
    tableId,
    edition: editionList,
    title: `Kengetallen uit de begrotingen van de gemeente ${names}`,
    fileName: input.fileName,
    fileHash: sha256(input.bytes),
    indelingYear: options.indelingYear,
    attribution: `Bron: CBS, via de begrotingen van de gemeente ${names} (${editionList}, kengetallen)`,
    options: {
      indelingYear: String(options.indelingYear),
      editie: 'per jaar de nieuwste begroting',
      nietGebruikt: [...skipped]
        .sort()
        .map(([n, r]) => `${n}: ${r}`)
        .join('; '),
    },
    rowCount,
    areas: [],
    observations,
    variables,
  };
}
