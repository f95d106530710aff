import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import {
  insertCrosswalk,
  listAreasWithGeometry,
  listCrosswalk,
  type AreaCrosswalk,
  type NewArea,
} from '../areas/index.ts';
import { normaliseName, sha256, type ParsedImport } from '../imports/index.ts';

export const KWB_2024_NAMES_FILE = 'cbs-kwb-multi/kwb-2024-dordrecht.csv';

export const IDENTITY_NOTE =
  'Ongewijzigd: CBS hield in de indeling 2024 voor Dordrecht dezelfde 13 wijkcodes en 132 ' +
  'woonbuurtcodes als in 2023. Alle 132 buurtnamen van KWB 2024 komen één-op-één en in dezelfde ' +
  'codevolgorde overeen met de indeling 2023 (datasets/SOURCES.md §7). BU05059997 (Groot ' +
  'binnenwater) staat niet in KWB 2024 en is niet overgenomen.';

/**
 * The 2023 areas of one municipality, copied to indeling 2024 where CBS kept code and border.
 * The copy is checked against the names of the KWB 2024 download, so a renamed or recoded area
 * stops the seed instead of silently joining different areas.
 */
export async function identityIndeling2024(
  db: Kysely<Database>,
  datasetsDir: string,
  municipalityCode: string,
): Promise<{ parsed: ParsedImport; crosswalk: AreaCrosswalk[] }> {
  const file = KWB_2024_NAMES_FILE;
  const bytes = fs.readFileSync(path.join(datasetsDir, file));
  const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const names2024 = new Map<string, { name: string; line: number }>();
  rows.forEach((r, i) => {
    const code = r.gwb_code_added ?? '';
    const name = (r['Wijken en buurten'] ?? '').replace(/^Wijk \d{2} /, '');
    names2024.set(code, { name, line: i + 2 });
  });

  const from = [
    ...(await listAreasWithGeometry(db, {
      indelingYear: 2023,
      municipalityCode,
      kind: 'gemeente',
    })),
    ...(await listAreasWithGeometry(db, { indelingYear: 2023, municipalityCode, kind: 'wijk' })),
    ...(await listAreasWithGeometry(db, { indelingYear: 2023, municipalityCode, kind: 'buurt' })),
  ];
  const problems: ImportProblem[] = [];
  const kept = from.filter((a) => names2024.has(a.code));
  for (const area of kept) {
    const in2024 = names2024.get(area.code)!;
    if (normaliseName(in2024.name) !== normaliseName(area.name)) {
      problems.push({
        file,
        line: in2024.line,
        field: 'Wijken en buurten',
        message: `${area.code} heet in 2024 "${in2024.name}" en in 2023 "${area.name}": de indeling is niet ongewijzigd`,
      });
    }
  }
  const residential2023 = from
    .filter((a) => a.kind !== 'buurt' || a.is_water === 0)
    .map((a) => a.code);
  for (const code of residential2023) {
    if (!names2024.has(code))
      problems.push({ file, message: `${code} uit indeling 2023 ontbreekt in KWB 2024` });
  }
  if (kept.length === 0)
    problems.push({
      file,
      message: `geen gebieden van ${municipalityCode} in indeling 2023: laad eerst de wijk- en buurtkaart`,
    });
  if (problems.length > 0) throw new ImportValidationError(problems.slice(0, 50));

  const areas: NewArea[] = [
    {
      indeling_year: 2024,
      code: 'NL00',
      kind: 'land',
      name: 'Nederland',
      parent_code: null,
      municipality_code: null,
      geometry: null,
      is_water: 0,
    },
    ...kept.map((a): NewArea => ({ ...a, indeling_year: 2024 })),
  ];
  const crosswalk: AreaCrosswalk[] = kept.map((a) => ({
    from_year: 2023,
    from_code: a.code,
    to_year: 2024,
    to_code: a.code,
    weight: 1,
    note: IDENTITY_NOTE,
  }));

  const parsed: ParsedImport = {
    kind: 'reference-file',
    source: 'Afgeleid van de CBS wijk- en buurtkaart 2023 (PDOK), gecontroleerd met KWB 2024',
    tableId: null,
    edition: '2024',
    title: `Wijk- en buurtindeling 2024 van ${municipalityCode} (ongewijzigd t.o.v. 2023)`,
    fileName: `indeling-2024-${municipalityCode} (afgeleid)`,
    // The derived rows are the content: a change in the 2023 geometry or names is a new import.
    fileHash: sha256(JSON.stringify(areas)),
    indelingYear: 2024,
    attribution: 'Bron: CBS, Kadaster/CBS wijk- en buurtkaart via PDOK. Licentie CC BY 4.0.',
    options: { derivedFrom: '2023', municipalityCode },
    rowCount: kept.length,
    areas,
    observations: [],
    variables: [],
  };
  return { parsed, crosswalk };
}

/** Stores the crosswalk rows not yet there; returns how many were new. */
export async function storeCrosswalk(db: Kysely<Database>, rows: AreaCrosswalk[]): Promise<number> {
  const existing = await listCrosswalk(
    db,
    2023,
    2024,
    rows.map((r) => r.from_code),
  );
  const have = new Set(existing.map((r) => `${r.from_code}|${r.to_code}`));
  const fresh = rows.filter((r) => !have.has(`${r.from_code}|${r.to_code}`));
  await insertCrosswalk(db, fresh);
  return fresh.length;
}
