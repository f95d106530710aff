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
  /** Whether the source allowed quoting it (a session input's flag, a respondent's consent). */
  quotable?: boolean;
}

/** One open answer of a sent survey response, as read for coding (never shown with its ids). */
export interface OpenAnswerRow {
  response_id: string;
  questionnaire_key: string;
  source: string;
  status: string;
  variable: string;
  value_text: string;
}

/** Coded items per catalogue theme per source (through the code's theme in its version). */
export interface ThemeCount {
  source: CodingSource;
  theme_key: string;
  items: number;
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
      .select(['id', 'text', 'theme_key', 'quote_allowed'])
      .where('focus_area_slug', '=', slug)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      source: 'bijeenkomst' as const,
      id: r.id,
      text: r.text,
      theme_key: r.theme_key,
      quotable: Number(r.quote_allowed) === 1,
    }));
  }

  /**
   * The answers to the named variables of sent responses (not drafts, not rejected) of the named
   * questionnaires, in response-id order (random ids: the order says nothing about who or when).
   * Empty answers are left out.
   */
  async listOpenAnswers(
    questionnaireKeys: readonly string[],
    variables: readonly string[],
  ): Promise<OpenAnswerRow[]> {
    if (questionnaireKeys.length === 0 || variables.length === 0) return [];
    const rows = await this.db
      .selectFrom('survey_answers as a')
      .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
      .select([
        'a.response_id',
        'r.questionnaire_key',
        'r.source',
        'r.status',
        'a.variable',
        'a.value_text',
      ])
      .where('r.questionnaire_key', 'in', [...questionnaireKeys])
      .where('r.status', 'not in', ['concept', 'afgekeurd'])
      .where('a.variable', 'in', [...variables])
      .where('a.value_text', 'is not', null)
      .orderBy('a.response_id')
      .orderBy('a.variable')
      .execute();
    return rows
      .filter((r) => (r.value_text ?? '').trim() !== '')
      .map((r) => ({ ...r, value_text: r.value_text ?? '' }));
  }

  /**
   * Coded items per theme per source: each assignment's code is looked up in the codebook version
   * it was given under. An item two coders put under different themes counts under both.
   */
  async countPerTheme(slug: string): Promise<ThemeCount[]> {
    const rows = await this.db
      .selectFrom('coding_assignments as a')
      .innerJoin('coding_codebook_versions as v', (j) =>
        j
          .onRef('v.focus_area_slug', '=', 'a.focus_area_slug')
          .onRef('v.version', '=', 'a.codebook_version'),
      )
      .innerJoin('coding_codes as c', (j) =>
        j.onRef('c.version_id', '=', 'v.id').onRef('c.code_key', '=', 'a.code_key'),
      )
      .select(['a.source', 'c.theme_key'])
      .select((eb) => eb.fn.count<number | string>('a.item_id').distinct().as('items'))
      .where('a.focus_area_slug', '=', slug)
      .groupBy(['a.source', 'c.theme_key'])
      .orderBy('a.source')
      .orderBy('c.theme_key')
      .execute();
    return rows.map((r) => ({ source: r.source, theme_key: r.theme_key, items: Number(r.items) }));
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
