import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { BadRequestError } from '../../shared/errors.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import { parseAreaGeometry } from '../maps/index.ts';
import { insertCrosswalk, listAreasWithGeometry, listCrosswalk } from './area.repository.ts';
import type { Area, AreaCrosswalk, AreaKind } from './area.table.ts';
import { deriveCrosswalk, DEFAULT_GRID, type OutlinedArea } from './crosswalk-derivation.ts';

type Q = Kysely<Database>;

/** What the service needs from the database: the area repository and the audit writer. */
export interface CrosswalkDeps {
  listAreasWithGeometry(
    db: Q,
    filter: { indelingYear: number; municipalityCode: string; kind: AreaKind },
  ): Promise<Area[]>;
  listCrosswalk(
    db: Q,
    fromYear: number,
    toYear: number,
    codes: readonly string[],
  ): Promise<AreaCrosswalk[]>;
  insertCrosswalk(db: Q, rows: AreaCrosswalk[]): Promise<void>;
  recordAudit(db: Q, entry: AuditEntry): Promise<void>;
}

export const databaseCrosswalkDeps: CrosswalkDeps = {
  listAreasWithGeometry,
  listCrosswalk,
  insertCrosswalk,
  recordAudit: (db, entry) => recordAudit(db, entry),
};

export interface DeriveRequest {
  municipalityCode: string;
  fromYear: number;
  toYear: number;
  kind?: 'buurt' | 'wijk';
  actor: string;
}

export interface DeriveOutcome {
  /** Rows derived, in both directions (old → new and new → old). */
  derived: number;
  /** Rows written; rows already there (such as the seed's identity) are kept as they were. */
  added: number;
  /** Of the derived rows, how many are 1:1 (the series runs on). */
  oneToOne: number;
  /** Old areas without an outline: no row can be derived for them. */
  withoutOutline: string[];
}

function outlined(areas: readonly Area[]): { shapes: OutlinedArea[]; missing: string[] } {
  const shapes: OutlinedArea[] = [];
  const missing: string[] = [];
  for (const a of areas) {
    const geometry = parseAreaGeometry(a.geometry);
    if (geometry) shapes.push({ code: a.code, geometry });
    else missing.push(a.code);
  }
  return { shapes, missing };
}

/**
 * Derives the crosswalk between two indelingen of one municipality from the outlines of its areas
 * and stores the rows that are not there yet, with an audit entry, in one transaction (ADR 0029).
 */
export class CrosswalkService {
  constructor(
    private readonly db: Q,
    private readonly deps: CrosswalkDeps = databaseCrosswalkDeps,
  ) {}

  async deriveAndStore(request: DeriveRequest): Promise<DeriveOutcome> {
    const kind = request.kind ?? 'buurt';
    if (request.fromYear === request.toYear) {
      throw new BadRequestError('Kies twee verschillende indelingsjaren.');
    }
    const read = (indelingYear: number) =>
      this.deps.listAreasWithGeometry(this.db, {
        indelingYear,
        municipalityCode: request.municipalityCode,
        kind,
      });
    const from = outlined(await read(request.fromYear));
    const to = outlined(await read(request.toYear));
    for (const [year, side] of [
      [request.fromYear, from],
      [request.toYear, to],
    ] as const) {
      if (side.shapes.length === 0) {
        throw new BadRequestError(
          `${request.municipalityCode} heeft in indeling ${year} geen ${kind}en met grenzen: laad eerst de wijk- en buurtkaart van ${year}.`,
        );
      }
    }
    // Both directions: the monitor reads figures of either year for areas of the other.
    const rows = [
      ...deriveCrosswalk(from.shapes, to.shapes, request, DEFAULT_GRID),
      ...deriveCrosswalk(
        to.shapes,
        from.shapes,
        { fromYear: request.toYear, toYear: request.fromYear },
        DEFAULT_GRID,
      ),
    ];
    const existing = [
      ...(await this.deps.listCrosswalk(
        this.db,
        request.fromYear,
        request.toYear,
        from.shapes.map((s) => s.code),
      )),
      ...(await this.deps.listCrosswalk(
        this.db,
        request.toYear,
        request.fromYear,
        to.shapes.map((s) => s.code),
      )),
    ];
    const key = (r: AreaCrosswalk) => `${r.from_year}|${r.from_code}|${r.to_code}`;
    const known = new Set(existing.map(key));
    const fresh = rows.filter((r) => !known.has(key(r)));
    await this.db.transaction().execute(async (trx) => {
      if (fresh.length > 0) await this.deps.insertCrosswalk(trx, fresh);
      await this.deps.recordAudit(trx, {
        actor: request.actor,
        action: 'omzettabel.afgeleid',
        entity: 'omzettabel',
        entityId: `${request.municipalityCode}:${request.fromYear}-${request.toYear}`,
        municipalityCode: request.municipalityCode,
        after: {
          van: request.fromYear,
          naar: request.toYear,
          niveau: kind,
          afgeleid: rows.length,
          toegevoegd: fresh.length,
          methode: `overlap van de grenzen, raster ${DEFAULT_GRID}×${DEFAULT_GRID}`,
        },
      });
    });
    return {
      derived: rows.length,
      added: fresh.length,
      oneToOne: rows.filter((r) => r.weight === 1 && /Zelfde gebied/.test(r.note)).length,
      withoutOutline: from.missing,
    };
  }
}
