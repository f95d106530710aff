/**
 * The released migrations: `src/db/migrations/released.json` holds the sha256 of every migration
 * file that has left a developer's machine. A released file is never edited (a database that
 * ran it would not run it again), so `migrations.test.ts` fails when a listed file's hash
 * changes, a listed file is missing, or a file on disk is not listed. `npm run
 * migrations:release` appends the files that are not listed yet; it never changes a listed hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const migrationsDir = path.join(import.meta.dirname, 'migrations');
export const releasedFile = path.join(migrationsDir, 'released.json');

/** `20261204_0701_observation_snapshot_index.ts`: date, four-digit number, snake_case name. */
export const MIGRATION_FILE_NAME = /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/;

export function migrationFiles(dir = migrationsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readReleased(file = releasedFile): Record<string, string> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** One line per file, sorted: a merge of two branches' additions is a plain line conflict. */
export function formatReleased(released: Record<string, string>): string {
  const names = Object.keys(released).sort();
  const lines = names.map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(released[n])}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export interface ReleaseResult {
  added: string[];
  changed: string[];
  missing: string[];
}

/** Appends the unlisted files; reports (and keeps) listed files whose hash changed or that are gone. */
export function releaseMigrations(dir = migrationsDir, file = releasedFile): ReleaseResult {
  const released = fs.existsSync(file) ? readReleased(file) : {};
  const onDisk = migrationFiles(dir);
  const added = onDisk.filter((f) => !(f in released));
  const changed = onDisk.filter((f) => f in released && released[f] !== sha256(path.join(dir, f)));
  const missing = Object.keys(released).filter((f) => !onDisk.includes(f));
  for (const f of added) released[f] = sha256(path.join(dir, f));
  if (added.length > 0) fs.writeFileSync(file, formatReleased(released));
  return { added, changed, missing };
}

/**
 * Everything wrong with the migrations folder, in Dutch, one line each; empty when all is well.
 * `registered` is the names in the order they are registered (the keys of `migrations`).
 */
export function checkMigrations(
  registered: readonly string[],
  dir = migrationsDir,
  file = releasedFile,
): string[] {
  const problems: string[] = [];
  const onDisk = migrationFiles(dir);
  const released = fs.existsSync(file) ? readReleased(file) : {};
  const where = (f: string) => `src/db/migrations/${f}`;
  for (const f of onDisk) {
    if (!MIGRATION_FILE_NAME.test(f)) {
      problems.push(`${where(f)}: naam volgt niet JJJJMMDD_NNNN_naam.ts`);
    }
    if (!registered.includes(f.replace(/\.ts$/, ''))) {
      problems.push(`${where(f)}: niet geregistreerd in src/db/migrate.ts`);
    }
    if (!(f in released)) {
      problems.push(
        `${where(f)}: ontbreekt in released.json; voeg toe met npm run migrations:release`,
      );
    } else if (released[f] !== sha256(path.join(dir, f))) {
      problems.push(
        `${where(f)}: gewijzigd na vrijgave (sha256 wijkt af van released.json); ` +
          'zet de wijziging in een nieuwe migratie',
      );
    }
  }
  for (const name of registered) {
    if (!onDisk.includes(`${name}.ts`)) {
      problems.push(`src/db/migrate.ts: ${name} is geregistreerd maar het bestand ontbreekt`);
    }
  }
  for (const f of Object.keys(released)) {
    if (!onDisk.includes(f)) problems.push(`released.json: ${f} staat erin maar ontbreekt`);
  }
  const sorted = [...registered].sort();
  const firstOff = registered.findIndex((n, i) => n !== sorted[i]);
  if (firstOff >= 0) {
    problems.push(
      `src/db/migrate.ts: ${registered[firstOff]} staat niet op volgorde van naam ` +
        `(verwacht ${sorted[firstOff]} op die plaats)`,
    );
  }
  return problems;
}
