import type { MemberStatus } from '../focus-area.table.ts';
import {
  LICENCE,
  SOURCE_TEXT,
  type ByYear,
  type FocusAreaPageData,
} from '../focus-area.page-data.ts';

export interface FocusAreaJson {
  slug: string;
  naam: string;
  gemeente: { code: string; naam: string };
  /** null while it is not known which buurten belong to the area. */
  versie: number | null;
  versies: number[];
  indelingsjaar: number | null;
  toelichting: string | null;
  leden: {
    code: string;
    naam: string;
    wijk: string | null;
    status: MemberStatus;
    reden: string | null;
    inwoners: ByYear;
  }[];
  /** Only the buurten with status 'lid'; null where a value is missing. */
  totaal_inwoners: ByYear;
  /** A provisional delineation (not yet confirmed by the municipality); null otherwise. */
  voorlopig: {
    bron: string | null;
    brondatum: string | null;
    betrouwbaarheid: string | null;
  } | null;
  bron: string;
  licentie: string;
}

/** The public JSON of a delineation: the same data object as the page, Dutch keys. */
export function focusAreaJson(data: FocusAreaPageData): FocusAreaJson {
  return {
    slug: data.slug,
    naam: data.name,
    gemeente: { code: data.municipality.code, naam: data.municipality.name },
    versie: data.version,
    versies: data.versions,
    indelingsjaar: data.indelingYear,
    toelichting: data.rationale,
    leden: data.members.map((m) => ({
      code: m.code,
      naam: m.name,
      wijk: m.wijk,
      status: m.status,
      reden: m.reason,
      inwoners: { ...m.inhabitants },
    })),
    totaal_inwoners: { ...data.totals },
    voorlopig: data.provisional
      ? {
          bron: data.provisional.source,
          brondatum: data.provisional.sourceDate,
          betrouwbaarheid: data.provisional.confidence,
        }
      : null,
    bron: SOURCE_TEXT,
    licentie: LICENCE,
  };
}
