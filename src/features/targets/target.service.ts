import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listExistingFocusAreaSlugs } from '../focus-areas/index.ts';
import { loadCatalogue, type Catalogue } from '../indicators/index.ts';
import {
  findTarget,
  listDeletedTargetIds,
  targetEntityId,
  upsertTarget,
} from './target.repository.ts';
import { parseTargetsFile, TargetsFileError } from './target.schema.ts';
import type { Target } from './target.types.ts';

/** The example targets for Dordt West, at the repository root. */
export const DEFAULT_TARGETS_FILE = path.resolve(
  import.meta.dirname,
  '../../../catalogue/targets-dordt-west.json',
);

/**
 * Reads and validates a targets file, and checks every indicator exists in the catalogue, so a
 * renamed indicator is found when the file is read, not when a page shows no target.
 */
export function loadTargetsFile(
  file: string = DEFAULT_TARGETS_FILE,
  catalogue: Catalogue = loadCatalogue(),
): Target[] {
  const name = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TargetsFileError([
      {
        file: name,
        message: code
          ? `bestand niet te lezen (${code})`
          : `geen geldige JSON (${(error as Error).message})`,
      },
    ]);
  }
  const targets = parseTargetsFile(raw, name);
  const known = new Set(catalogue.indicators.map((i) => i.key));
  const problems = targets.flatMap((t, i) =>
    known.has(t.indicatorKey)
      ? []
      : [
          {
            file: name,
            field: `targets[${i}] (${t.indicatorKey}).indicatorKey`,
            message: `indicator "${t.indicatorKey}" staat niet in de indicatorcatalogus`,
          },
        ],
  );
  if (problems.length > 0) throw new TargetsFileError(problems);
  return targets;
}

export interface SeedTargetsReport {
  inserted: number;
  /** Already there: kept as they are, also when someone changed them. */
  kept: number;
  /** Deleted by someone earlier (audit log): not brought back. */
  skippedDeleted: number;
}

/**
 * Adds the example targets that are missing, in one transaction. A target that exists is never
 * overwritten (someone may have changed it), and one that someone deleted is not brought back.
 */
export async function seedExampleTargets(
  db: Kysely<Database>,
  file: string = DEFAULT_TARGETS_FILE,
  actor = 'seed',
): Promise<SeedTargetsReport> {
  const targets = loadTargetsFile(file);
  const report: SeedTargetsReport = { inserted: 0, kept: 0, skippedDeleted: 0 };
  await db.transaction().execute(async (trx) => {
    const slugs = [...new Set(targets.map((t) => t.focusAreaSlug))];
    const existing = await listExistingFocusAreaSlugs(trx, slugs);
    const missing = slugs.filter((s) => !existing.includes(s));
    if (missing.length > 0) {
      throw new TargetsFileError(
        missing.map((s) => ({
          file: path.relative(process.cwd(), file) || file,
          field: 'focusAreaSlug',
          message: `focusgebied "${s}" bestaat niet (nog) in de database`,
        })),
      );
    }
    const deleted = await listDeletedTargetIds(
      trx,
      targets.map((t) => targetEntityId(t.focusAreaSlug, t.indicatorKey)),
    );
    for (const target of targets) {
      if (deleted.has(targetEntityId(target.focusAreaSlug, target.indicatorKey))) {
        report.skippedDeleted++;
      } else if (await findTarget(trx, target.focusAreaSlug, target.indicatorKey)) {
        report.kept++;
      } else {
        await upsertTarget(trx, target, actor);
        report.inserted++;
      }
    }
  });
  return report;
}
