import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Unlinkability of invitations and responses (issue 12, ADR 0016):
 * - the invitation table keeps that a code was used (`used` 0/1), not when, and no creation time;
 * - code and resume hashes become keyed: HMAC-SHA-256 (SURVEY_HMAC_SECRET) over the old unkeyed
 *   SHA-256, so existing codes keep working without knowing them;
 * - response times keep only the date;
 * - a resume code waiting in a session (plain text until the first page was shown) is removed.
 * This migration reads SURVEY_HMAC_SECRET itself (it runs before the services exist). Without it,
 * unused codes cannot be converted: the migration then stops and says so; resume hashes of
 * unfinished responses are cleared (those respondents start again).
 */
export async function up(db: AnyDb): Promise<void> {
  const secret = process.env.SURVEY_HMAC_SECRET;
  const keyed = (old: string) =>
    createHmac('sha256', secret ?? '')
      .update(old)
      .digest('base64url');

  const unused = await db
    .selectFrom('survey_invitations')
    .select(['code_hash'])
    .where('used_at', 'is', null)
    .execute();
  if (unused.length > 0 && !secret) {
    throw new Error(
      `Er zijn ${unused.length} ongebruikte uitnodigingscodes. Zet SURVEY_HMAC_SECRET (dezelfde waarde als de server gebruikt) en start de migratie opnieuw; er is niets veranderd.`,
    );
  }
  await db.schema
    .alterTable('survey_invitations')
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('survey_invitations')
    .set({ used: 1 })
    .where('used_at', 'is not', null)
    .execute();
  await db.schema.alterTable('survey_invitations').dropColumn('used_at').execute();
  await db.schema.alterTable('survey_invitations').dropColumn('created_at').execute();
  if (secret) {
    const all = await db.selectFrom('survey_invitations').select(['code_hash']).execute();
    for (const r of all as { code_hash: string }[]) {
      await db
        .updateTable('survey_invitations')
        .set({ code_hash: keyed(r.code_hash) })
        .where('code_hash', '=', r.code_hash)
        .execute();
    }
  }

  const resumable = (await db
    .selectFrom('survey_responses')
    .select(['id', 'resume_hash'])
    .where('resume_hash', 'is not', null)
    .execute()) as { id: string; resume_hash: string }[];
  for (const r of resumable) {
    await db
      .updateTable('survey_responses')
      .set({ resume_hash: secret ? keyed(r.resume_hash) : null })
      .where('id', '=', r.id)
      .execute();
  }

  // Dates only: 'YYYY-MM-DD' (ISO 8601), for every response time of the respondent.
  for (const column of ['created_at', 'submitted_at']) {
    const rows = (await db
      .selectFrom('survey_responses')
      .select(['id', column])
      .where(column, 'is not', null)
      .execute()) as Record<string, string>[];
    for (const r of rows) {
      const value = r[column] as string;
      if (value.length <= 10) continue;
      await db
        .updateTable('survey_responses')
        .set({ [column]: value.slice(0, 10) })
        .where('id', '=', r.id)
        .execute();
    }
  }

  // A resume code waiting in a session to be shown once: removed (it was plain text).
  const sessions = (await db
    .selectFrom('sessions')
    .select(['id', 'data'])
    .where('data', 'like', '%"survey"%')
    .execute()) as { id: string; data: string }[];
  for (const s of sessions) {
    let data: { survey?: { code?: unknown } };
    try {
      data = JSON.parse(s.data) as typeof data;
    } catch {
      continue;
    }
    if (!data.survey || data.survey.code === undefined) continue;
    delete data.survey.code;
    await db
      .updateTable('sessions')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', s.id)
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  // Hashes and times cannot be restored; only the shape goes back.
  await db.schema.alterTable('survey_invitations').addColumn('created_at', 'text').execute();
  await db.schema.alterTable('survey_invitations').addColumn('used_at', 'text').execute();
  await db.schema.alterTable('survey_invitations').dropColumn('used').execute();
}
