import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import type { CouncilLetter, CouncilMoment, LetterStatus } from './council-letter.table.ts';

export interface FocusAreaRef {
  slug: string;
  name: string;
  municipalityCode: string;
}

export interface Publication {
  number: number;
  publishedAt: string;
  publishedBy: string;
  snapshot: string;
  contentHash: string;
}

/** What the council-letter service needs from storage; the repository below, or a fake. */
export interface CouncilLetterStore {
  findFocusArea(slug: string): Promise<FocusAreaRef | null>;
  listLetters(slug: string): Promise<CouncilLetter[]>;
  findLetter(id: string): Promise<CouncilLetter | null>;
  findPublished(slug: string, number: number): Promise<CouncilLetter | null>;
  insertLetter(row: CouncilLetter): Promise<void>;
  /** Changes the text of a letter that is not published; false when it is (nothing changes). */
  updateTexts(id: string, texts: string, at: string, by: string): Promise<boolean>;
  /** Moves between concept and ter-beoordeling; false when the letter is not in `from`. */
  setStatus(
    id: string,
    from: LetterStatus,
    to: LetterStatus,
    at: string,
    by: string,
  ): Promise<boolean>;
  /** Freezes a letter under review; false when it is not under review (nothing changes). */
  publish(id: string, publication: Publication): Promise<boolean>;
  maxNumber(slug: string): Promise<number>;
  listMoments(slug: string): Promise<CouncilMoment[]>;
  insertMoment(row: CouncilMoment): Promise<void>;
  /** Moments from `from` to `until` (inclusive) with an address and no reminder for that date. */
  dueMoments(from: string, until: string): Promise<CouncilMoment[]>;
  /** Records a reminder; false when one was already recorded for this date. */
  markReminded(id: string, date: string): Promise<boolean>;
}

export interface AuditWriter {
  record(entry: AuditEntry): Promise<void>;
}

export interface CouncilLetterUnitOfWork {
  store: CouncilLetterStore;
  audit: AuditWriter;
}

/** Runs `work` in one transaction: a change and its audit entry commit together or not. */
export type CouncilLetterTransaction = <T>(
  work: (uow: CouncilLetterUnitOfWork) => Promise<T>,
) => Promise<T>;

export class CouncilLetterRepository implements CouncilLetterStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findFocusArea(slug: string): Promise<FocusAreaRef | null> {
    const row = await this.db
      .selectFrom('focus_areas')
      .select(['slug', 'name', 'municipality_code'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? { slug: row.slug, name: row.name, municipalityCode: row.municipality_code } : null;
  }

  async listLetters(slug: string): Promise<CouncilLetter[]> {
    const rows = await this.db
      .selectFrom('council_letters')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(normalise);
  }

  async findLetter(id: string): Promise<CouncilLetter | null> {
    const row = await this.db
      .selectFrom('council_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? normalise(row) : null;
  }

  async findPublished(slug: string, number: number): Promise<CouncilLetter | null> {
    const row = await this.db
      .selectFrom('council_letters')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('number', '=', number)
      .where('status', '=', 'gepubliceerd')
      .executeTakeFirst();
    return row ? normalise(row) : null;
  }

  async insertLetter(row: CouncilLetter): Promise<void> {
    await this.db.insertInto('council_letters').values(row).execute();
  }

  async updateTexts(id: string, texts: string, at: string, by: string): Promise<boolean> {
    const r = await this.db
      .updateTable('council_letters')
      .set({ texts, updated_at: at, updated_by: by })
      .where('id', '=', id)
      .where('status', '=', 'concept')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setStatus(
    id: string,
    from: LetterStatus,
    to: LetterStatus,
    at: string,
    by: string,
  ): Promise<boolean> {
    if (from === 'gepubliceerd' || to === 'gepubliceerd') return false;
    const r = await this.db
      .updateTable('council_letters')
      .set({ status: to, updated_at: at, updated_by: by })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async publish(id: string, p: Publication): Promise<boolean> {
    const r = await this.db
      .updateTable('council_letters')
      .set({
        status: 'gepubliceerd',
        number: p.number,
        published_at: p.publishedAt,
        published_by: p.publishedBy,
        snapshot: p.snapshot,
        content_hash: p.contentHash,
        updated_at: p.publishedAt,
        updated_by: p.publishedBy,
      })
      .where('id', '=', id)
      .where('status', '=', 'ter-beoordeling')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async maxNumber(slug: string): Promise<number> {
    const row = await this.db
      .selectFrom('council_letters')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('focus_area_slug', '=', slug)
      .executeTakeFirst();
    return row?.n === null || row?.n === undefined ? 0 : Number(row.n);
  }

  async listMoments(slug: string): Promise<CouncilMoment[]> {
    return this.db
      .selectFrom('council_moments')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('date')
      .orderBy('id')
      .execute();
  }

  async insertMoment(row: CouncilMoment): Promise<void> {
    await this.db.insertInto('council_moments').values(row).execute();
  }

  async dueMoments(from: string, until: string): Promise<CouncilMoment[]> {
    const rows = await this.db
      .selectFrom('council_moments')
      .selectAll()
      .where('date', '>=', from)
      .where('date', '<=', until)
      .where('contact_email', 'is not', null)
      .orderBy('date')
      .orderBy('id')
      .execute();
    return rows.filter((r) => r.reminded_for !== r.date);
  }

  async markReminded(id: string, date: string): Promise<boolean> {
    const r = await this.db
      .updateTable('council_moments')
      .set({ reminded_for: date })
      .where('id', '=', id)
      .where('date', '=', date)
      .where((eb) => eb.or([eb('reminded_for', 'is', null), eb('reminded_for', '!=', date)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

/** PostgreSQL may return integers of a max() or bigint as strings: one shape for both. */
function normalise(row: CouncilLetter): CouncilLetter {
  return { ...row, number: row.number === null ? null : Number(row.number) };
}

/** One transaction with the repository and the audit log bound to it. */
export function councilLetterTransaction(db: Kysely<Database>): CouncilLetterTransaction {
  return (work) =>
    db.transaction().execute((trx) =>
      work({
        store: new CouncilLetterRepository(trx),
        audit: { record: (entry) => recordAudit(trx, entry) },
      }),
    );
}
