import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { DatabaseConfig } from '../../config.ts';
import { rawSqliteOf, type Db } from '../../db/database.ts';
import { BadRequestError } from '../../shared/errors.ts';

const run = promisify(execFile);

/** A refused or failed backup or restore: the CLI prints the message and exits with 1. */
export class BackupError extends BadRequestError {}

/**
 * pg_dump and pg_restore of the newest PostgreSQL installed (Debian keeps them per version under
 * /usr/lib/postgresql; a dump must be made by a version at least as new as the server), or the
 * ones on PATH.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const file = path.join(root, v, 'bin', name);
      if (fs.existsSync(file)) return file;
    }
  }
  return name;
}

/**
 * A consistent copy of the whole database while the server keeps serving: SQLite's online
 * backup API (page by page, restarted by SQLite when a write intervenes), or pg_dump in its
 * custom format (one snapshot). Refuses to overwrite an existing file.
 */
export async function backupDatabase(
  handle: Db,
  config: DatabaseConfig,
  target: string,
): Promise<void> {
  if (fs.existsSync(target)) {
    throw new BackupError(
      `${target} bestaat al. Kies een nieuwe bestandsnaam; we overschrijven niets.`,
    );
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (config.kind === 'sqlite') {
    const raw = rawSqliteOf(handle.db);
    if (!raw) throw new BackupError('Geen SQLite-verbinding om een back-up van te maken.');
    await raw.backup(target);
    const copy = new SQLite(target, { readonly: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new BackupError(`De back-up in ${target} is niet heel: ${String(check)}`);
    } finally {
      copy.close();
    }
    return;
  }
  try {
    await run(postgresTool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${target}`,
      `--dbname=${config.url}`,
    ]);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw new BackupError(`pg_dump is mislukt: ${stderrOf(error)}`);
  }
}

/**
 * Puts a backup into the configured database. The target must be empty unless `overwrite` is
 * set; on SQLite the server must be stopped (the file is replaced), on PostgreSQL the restore
 * runs in one transaction, so a failed restore leaves the database as it was.
 */
export async function restoreDatabase(
  handle: Db,
  config: DatabaseConfig,
  source: string,
  options: { overwrite: boolean },
): Promise<void> {
  if (!fs.existsSync(source)) throw new BackupError(`Back-up niet gevonden: ${source}`);
  const tables = await handle.db.introspection.getTables();
  if (tables.length > 0 && !options.overwrite) {
    throw new BackupError(
      'De database is niet leeg. Herstel in een lege database, of geef --overschrijf mee om alles ' +
        'wat er nu in staat te vervangen.',
    );
  }
  if (config.kind === 'sqlite') {
    let sourceDb: SQLite.Database;
    try {
      sourceDb = new SQLite(source, { readonly: true, fileMustExist: true });
      sourceDb.pragma('schema_version');
    } catch (error) {
      throw new BackupError(`${source} is geen SQLite-back-up van Wijkkompas (${String(error)}).`);
    }
    const staging = `${config.file}.herstel-${process.pid}`;
    try {
      await sourceDb.backup(staging);
    } finally {
      sourceDb.close();
    }
    await handle.destroy();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(config.file + suffix, { force: true });
    fs.renameSync(staging, config.file);
    return;
  }
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error'];
  if (options.overwrite) args.push('--clean', '--if-exists');
  try {
    await run(postgresTool('pg_restore'), [...args, `--dbname=${config.url}`, source]);
  } catch (error) {
    throw new BackupError(`pg_restore is mislukt; er is niets veranderd: ${stderrOf(error)}`);
  }
}

function stderrOf(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (stderr?.trim() || (error as Error).message).split('\n')[0] ?? '';
}
