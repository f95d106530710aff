import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  CodebookVersion,
  CodingAssignment,
  CodingCode,
  CodingSample,
  CodingSource,
  NewCodingAssignment,
} from './coding.table.ts';

export interface Codebook {
  version: CodebookVersion;
  codes: CodingCode[];
}

export type NewCode = Omit<CodingCode, 'version_id'>;

/** An item to code: its source, id, text and the theme it was entered under. */
export interface CodingItem {
  source: CodingSource;
  id: string;
  text: string;
  theme_key: string;
}

export interface CodeCount {
  source: CodingSource;
  code_key: string;
  items: number;
}

function version(row: CodebookVersion): CodebookVersion {
  return { ...row, version: Number(row.version) };
}

function code(row: CodingCode): CodingCode {
  return { ...row, position: Number(row.position) };
}

function assignment(row: CodingAssignment): CodingAssignment {
  return { ...row, codebook_version: Number(row.codebook_version) };
}

/** Every query of the coding feature (ADR 0031). Built on a database or a transaction. */
export class CodingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listVersions(slug: string): Promise<CodebookVersion[]> {
    const rows = await this.db
      .selectFrom('coding_codebook_versions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(version);
  }

  /** One version of the codebook (the latest without `number`); null when there is none. */
  async findCodebook(slug: string, number?: number): Promise<Codebook | null> {
    let query = this.db
      .selectFrom('coding_codebook_versions')
      .selectAll()
      .where('focus_area_slug', '=', slug);
    if (number !== undefined) query = query.where('version', '=', number);
    const row = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!row) return null;
    const codes = await this.db
      .selectFrom('coding_codes')
      .selectAll()
      .where('version_id', '=', row.id)
      .orderBy('position')
      .orderBy('code_key')
      .execute();
    return { version: version(row), codes: codes.map(code) };
  }

  async insertCodebookVersion(row: CodebookVersion, codes: readonly NewCode[]): Promise<void> {
    await this.db.insertInto('coding_codebook_versions').values(row).execute();
    if (codes.length > 0) {
      await this.db
        .insertInto('coding_codes')
        .values(codes.map((c) => ({ ...c, version_id: row.id })))
        .execute();
    }
  }

  /** The session inputs of a focus area, oldest first: the items to code. */
  async listSessionInputs(slug: string): Promise<CodingItem[]> {
    const rows = await this.db
      .selectFrom('participation_inputs')
      .select(['id', 'text', 'theme_key'])
      .where('focus_area_slug', '=', slug)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ source: 'bijeenkomst' as const, ...r }));
  }

  /** Sets (or replaces) the code one coder gave one item. */
  async saveAssignment(row: NewCodingAssignment): Promise<void> {
    await this.db
      .insertInto('coding_assignments')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['source', 'item_id', 'coder']).doUpdateSet({
          code_key: row.code_key,
          codebook_version: row.codebook_version,
          coded_at: row.coded_at,
        }),
      )
      .execute();
  }

  async findAssignment(
    source: CodingSource,
    itemId: string,
    coder: string,
  ): Promise<CodingAssignment | null> {
    const row = await this.db
      .selectFrom('coding_assignments')
      .selectAll()
      .where('source', '=', source)
      .where('item_id', '=', itemId)
      .where('coder', '=', coder)
      .executeTakeFirst();
    return row ? assignment(row) : null;
  }

  async listAssignments(slug: string): Promise<CodingAssignment[]> {
    const rows = await this.db
      .selectFrom('coding_assignments')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('item_id')
      .orderBy('coder')
      .execute();
    return rows.map(assignment);
  }

  /** Items per code per source; an item two coders coded differently counts under both codes. */
  async countPerCode(slug: string): Promise<CodeCount[]> {
    const rows = await this.db
      .selectFrom('coding_assignments')
      .select(['source', 'code_key'])
      .select((eb) => eb.fn.count<number | string>('item_id').distinct().as('items'))
      .where('focus_area_slug', '=', slug)
      .groupBy(['source', 'code_key'])
      .orderBy('source')
      .orderBy('code_key')
      .execute();
    return rows.map((r) => ({ source: r.source, code_key: r.code_key, items: Number(r.items) }));
  }

  async insertSample(
    row: CodingSample,
    items: readonly { source: CodingSource; item_id: string }[],
  ): Promise<void> {
    await this.db.insertInto('coding_samples').values(row).execute();
    if (items.length > 0) {
      await this.db
        .insertInto('coding_sample_items')
        .values(items.map((i) => ({ ...i, sample_id: row.id })))
        .execute();
    }
  }

  /** The latest sample of an area with its items; null when none was drawn. */
  async latestSample(
    slug: string,
  ): Promise<{ sample: CodingSample; items: { source: CodingSource; item_id: string }[] } | null> {
    const sample = await this.db
      .selectFrom('coding_samples')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!sample) return null;
    const items = await this.db
      .selectFrom('coding_sample_items')
      .select(['source', 'item_id'])
      .where('sample_id', '=', sample.id)
      .orderBy('item_id')
      .execute();
    return { sample: { ...sample, size: Number(sample.size) }, items };
  }
}
