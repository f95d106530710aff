import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ContourStatus, ContourVersionRow } from './contours.table.ts';

/** A session input as candidate evidence: enough to label it, with the session it came from. */
export interface EvidenceInput {
  id: string;
  theme_key: string;
  kind: string;
  text: string;
  votes: number;
  /** Whether its text may be quoted (allowed by the source and approved on review). */
  quotable: boolean;
  session_title: string | null;
}

/** The fields a status change sets; the rest of the version stays as it was. */
export type StatusPatch =
  | { status: 'voorgelegd'; submitted_at: string; submitted_by_name: string }
  | {
      status: 'vastgesteld';
      decided_at: string;
      decided_by_name: string;
      decided_on: string;
      decision_reference: string;
      decision_id: string | null;
    };

function row(r: ContourVersionRow): ContourVersionRow {
  return {
    ...r,
    version: Number(r.version),
    based_on: r.based_on === null ? null : Number(r.based_on),
  };
}

/** Every query of the contours proposal (ADR 0034). Built on a database or a transaction. */
export class ContoursRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** All versions of an area's proposal, newest first. */
  async listVersions(slug: string): Promise<ContourVersionRow[]> {
    const rows = await this.db
      .selectFrom('contour_versions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(row);
  }

  /** One version (the latest without `version`); null when there is none. */
  async findVersion(slug: string, version?: number): Promise<ContourVersionRow | null> {
    let query = this.db
      .selectFrom('contour_versions')
      .selectAll()
      .where('focus_area_slug', '=', slug);
    if (version !== undefined) query = query.where('version', '=', version);
    const found = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return found ? row(found) : null;
  }

  /** The latest version with this status; null when there is none. */
  async findLatestWithStatus(
    slug: string,
    status: ContourStatus,
  ): Promise<ContourVersionRow | null> {
    const found = await this.db
      .selectFrom('contour_versions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('status', '=', status)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return found ? row(found) : null;
  }

  /**
   * Stores a new version unless its number is taken in that area (another save came first): the
   * answer says whether it was stored, so two saves at once end in a conflict, not a database error.
   */
  async insertVersion(version: ContourVersionRow): Promise<boolean> {
    const result = await this.db
      .insertInto('contour_versions')
      .values(version)
      .onConflict((oc) => oc.columns(['focus_area_slug', 'version']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /**
   * Moves a version on from `from`. Only a version still in `from` changes, so a set version can
   * never be changed here, not even by two requests racing: the answer says whether it moved.
   */
  async changeStatus(id: string, from: ContourStatus, patch: StatusPatch): Promise<boolean> {
    const result = await this.db
      .updateTable('contour_versions')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The session inputs of an area as candidate evidence, oldest first. */
  async listEvidenceInputs(slug: string): Promise<EvidenceInput[]> {
    const rows = await this.db
      .selectFrom('participation_inputs as i')
      .leftJoin('participation_sessions as s', 's.id', 'i.session_id')
      .select([
        'i.id',
        'i.theme_key',
        'i.kind',
        'i.text',
        'i.votes',
        'i.quote_allowed',
        'i.quote_review',
        's.title as session_title',
      ])
      .where('i.focus_area_slug', '=', slug)
      .orderBy('i.created_at')
      .orderBy('i.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      theme_key: r.theme_key,
      kind: r.kind,
      text: r.text,
      votes: Number(r.votes),
      quotable: Number(r.quote_allowed) === 1 && r.quote_review === 'goedgekeurd',
      session_title: r.session_title ?? null,
    }));
  }
}
