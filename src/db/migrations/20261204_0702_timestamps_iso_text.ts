import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * One timestamp convention (ISO-8601 UTC text, `2026-12-04T15:02:03.123Z`, as `toISOString`
 * writes it): `sessions.created_at`, `sessions.last_seen_at` and `password_resets.expires_at`
 * were epoch milliseconds, the only such columns (ADR 0021). Integer arithmetic only, so a
 * millisecond is never rounded away. Text in this form sorts as time does, so the repositories
 * compare it as text.
 */
function isoFromMs(sqlite: boolean, column: string): RawBuilder<string> {
  const c = sql.ref(column);
  return sqlite
    ? sql`strftime('%Y-%m-%dT%H:%M:%S', ${c} / 1000, 'unixepoch') || '.' || printf('%03d', ${c} % 1000) || 'Z'`
    : sql`to_char((to_timestamp(${c} / 1000) + (${c} % 1000) * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function msFromIso(sqlite: boolean, column: string): RawBuilder<number> {
  const c = sql.ref(column);
  return sqlite
    ? sql`cast(round((julianday(${c}) - 2440587.5) * 86400000) as integer)`
    : sql`round(extract(epoch from ${c}::timestamptz) * 1000)::bigint`;
}

interface Shape {
  toText: boolean;
}

async function rebuildSqlite(db: AnyDb, { toText }: Shape): Promise<void> {
  const type = toText ? 'text' : 'bigint';
  const convert = (column: string) => (toText ? isoFromMs(true, column) : msFromIso(true, column));
  await sql`create table sessions_new (
    id text primary key,
    user_id text references users(id) on delete cascade,
    data text not null,
    created_at ${sql.raw(type)} not null,
    last_seen_at ${sql.raw(type)} not null
  )`.execute(db);
  await sql`insert into sessions_new (id, user_id, data, created_at, last_seen_at)
    select id, user_id, data, ${convert('created_at')}, ${convert('last_seen_at')} from sessions`.execute(
    db,
  );
  await sql`drop table sessions`.execute(db);
  await sql`alter table sessions_new rename to sessions`.execute(db);
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await sql`create table password_resets_new (
    token_hash text primary key,
    user_id text not null references users(id) on delete cascade,
    created_by text not null,
    created_at text not null,
    expires_at ${sql.raw(type)} not null,
    used_at text
  )`.execute(db);
  await sql`insert into password_resets_new
    (token_hash, user_id, created_by, created_at, expires_at, used_at)
    select token_hash, user_id, created_by, created_at, ${convert('expires_at')}, used_at
    from password_resets`.execute(db);
  await sql`drop table password_resets`.execute(db);
  await sql`alter table password_resets_new rename to password_resets`.execute(db);
}

async function alterPostgres(db: AnyDb, { toText }: Shape): Promise<void> {
  for (const [table, column] of [
    ['sessions', 'created_at'],
    ['sessions', 'last_seen_at'],
    ['password_resets', 'expires_at'],
  ] as const) {
    const using = toText ? isoFromMs(false, column) : msFromIso(false, column);
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type ${sql.raw(
      toText ? 'text' : 'bigint',
    )} using ${using}`.execute(db);
  }
}

export async function up(db: AnyDb): Promise<void> {
  // Migrations are immutable, so this one keeps its own copy of the dialect check.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await (sqlite ? rebuildSqlite(db, { toText: true }) : alterPostgres(db, { toText: true }));
}

export async function down(db: AnyDb): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await (sqlite ? rebuildSqlite(db, { toText: false }) : alterPostgres(db, { toText: false }));
}
