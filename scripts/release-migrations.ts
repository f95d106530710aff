/**
 * `npm run migrations:release`: adds every migration file not yet in
 * src/db/migrations/released.json with its sha256. Run it when a migration is merged into main;
 * from then on the file may not change. A changed or missing released file is reported and
 * makes the command fail; it is never "fixed" by rewriting its hash.
 */
import path from 'node:path';
import { releaseMigrations, releasedFile } from '../src/db/released-migrations.ts';

const { added, changed, missing } = releaseMigrations();
const rel = path.relative(process.cwd(), releasedFile);
for (const f of added) console.log(`toegevoegd aan ${rel}: ${f}`);
if (added.length === 0) console.log(`${rel}: geen nieuwe migraties.`);
for (const f of changed) {
  console.error(`${rel}: ${f} is gewijzigd na vrijgave; zet de wijziging in een nieuwe migratie.`);
}
for (const f of missing)
  console.error(`${rel}: ${f} staat in de lijst maar het bestand ontbreekt.`);
process.exit(changed.length + missing.length > 0 ? 1 : 0);
