import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthesisWeightsRow } from './synthesis.table.ts';

/** A session input as the themakaart counts it (no participant data, no import details). */
export interface SynthesisInput {
  id: string;
  session_id: string | null;
  session_title: string | null;
  theme_key: string;
  kind: string;
  text: string;
  votes: number;
}

const WEIGHT_COLUMNS = [
  'weight_monitor',
  'weight_bewoners',
  'weight_professionals',
  'weight_bijeenkomsten',
  'weight_codes',
] as const;

function weights(row: SynthesisWeightsRow): SynthesisWeightsRow {
  const out = { ...row };
  for (const c of WEIGHT_COLUMNS) out[c] = Number(row[c]);
  return out;
}

/** Every query of the themakaart (ADR 0033). Built on a database or a transaction. */
export class SynthesisRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored weights of an area; null when nobody changed them (equal weights). */
  async findWeights(slug: string): Promise<SynthesisWeightsRow | null> {
    const row = await this.db
      .selectFrom('synthesis_weights')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .executeTakeFirst();
    return row ? weights(row) : null;
  }

  async saveWeights(row: SynthesisWeightsRow): Promise<void> {
    const { focus_area_slug: _slug, ...changes } = row;
    await this.db
      .insertInto('synthesis_weights')
      .values(row)
      .onConflict((oc) => oc.column('focus_area_slug').doUpdateSet(changes))
      .execute();
  }

  /**
   * The inputs of an area's sessions that were not cancelled, most votes first. Inputs without a
   * session (a later source) are included with a null session.
   */
  async listInputs(slug: string): Promise<SynthesisInput[]> {
    const rows = await this.db
      .selectFrom('participation_inputs as i')
      .leftJoin('participation_sessions as s', 's.id', 'i.session_id')
      .select([
        'i.id',
        'i.session_id',
        's.title as session_title',
        'i.theme_key',
        'i.kind',
        'i.text',
        'i.votes',
      ])
      .where('i.focus_area_slug', '=', slug)
      .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', 'geannuleerd')]))
      .orderBy('i.votes', 'desc')
      .orderBy('i.created_at')
      .orderBy('i.id')
      .execute();
    return rows.map((r) => ({ ...r, votes: Number(r.votes) }));
  }
}
