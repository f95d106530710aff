/**
 * `wijkkompas` command line: the same services as the web app. Dutch output, exit code 0 on
 * success, 1 on a refused import or bad arguments (nothing changed), 2 on an unexpected error.
 */
import fs from 'node:fs';
import {
  CouncilLetterRepository,
  CouncilMomentReminders,
  councilLetterTransaction,
} from '../features/council-letter/index.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { listDatasets } from '../features/datasets/dataset.repository.ts';
import { commitImport, loadAreaLookup } from '../features/imports/import.service.ts';
import { assertWithinScope } from '../features/imports/import-scope.ts';
import { shippedPlausibility } from '../features/imports/plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport } from '../features/imports/import.types.ts';
import { fetchOdataTable } from '../features/imports/odata.fetch.ts';
import { parseOdataJson } from '../features/imports/odata.importer.ts';
import { parsePostcodeBuurtCsv } from '../features/imports/postcode-buurt.importer.ts';
import { importPostcodeTable } from '../features/imports/postcode-buurt.service.ts';
import {
  KIND_NEEDS,
  isUploadKind,
  parseUpload,
  type UploadOptions,
} from '../features/imports/parse-upload.ts';
import { seedShippedData } from '../features/seed/seed.service.ts';
import { AppError, ImportValidationError, formatLocation } from '../shared/errors.ts';
import { createProgress, withJobBar } from './progress.ts';
import { GEBRUIKER_HELP, runGebruiker } from './gebruiker.ts';
import { HAAL_OP_HELP, runHaalOp } from './haal-op.ts';
import { CrosswalkService } from '../features/areas/crosswalk.service.ts';
import { createInvitationCodes } from '../features/survey/responses/invitations.ts';
import { backupDatabase, restoreDatabase } from '../features/backup/backup.service.ts';
import {
  DEFAULT_REMINDER_DAYS,
  ReminderService,
  SubsidyRepository,
  createReminderMailer,
  databaseAuditWriter,
} from '../features/budget/index.ts';

const HELP = `Gebruik: wijkkompas <opdracht> [opties]

Opdrachten:
  migreer                         database bijwerken naar het nieuwste schema
  laad-standaard                  de meegeleverde gegevens van Dordt West laden (slaat over wat er al is)
  datasets                        geladen bestanden met herkomst tonen
  import statline BESTAND --tabel ID --metadata DATAPROPERTIES.json --indeling JAAR --periode JAAR [--gemeente GM0505] [--decimale-komma]
                                  (herkent de indeling aan de inhoud: kopregel met onderwerpen, met CBS-sleutels of
                                  StatLine's tabel met kopregels; --decimale-komma: "2,1" en "17.942.942" ook in een ','-bestand)
  import odata --typed BESTAND.json --metadata DATAPROPERTIES.json --tabel ID --indeling JAAR [--periode JAAR] [--gemeente GM0505]
  import odata --fetch TABEL --indeling JAAR [--periode JAAR] [--gemeente GM0505]     (haalt de tabel op bij de CBS open-data-API)
  import pdok BESTAND.geojson --indeling JAAR --niveau buurt|wijk|gemeente [--gemeente GM0505]
  import politie BESTAND.csv --indeling JAAR [--gemeente GM0505]
  import lokaal BESTAND.csv --indeling JAAR [--bron NAAM] [--gemeente GM0505] [--vervangt-cbs]
  import postcodes BESTAND.csv --indeling JAAR   (CBS "buurt, wijk en gemeente per postcode": postcode → buurt)
${HAAL_OP_HELP}
  omzettabel --van JAAR --naar JAAR --gemeente GM0505 [--niveau buurt|wijk]
                                  omzettabel tussen twee buurtindelingen afleiden uit de overlap van de grenzen
                                  (gewogen naar oppervlakte); dezelfde buurt met een nieuwe code houdt zo haar reeks

  Met --vervangt-cbs mag een lokaal bestand cijfers van een CBS-variabele (zoals AantalInwoners)
  laden; elke pagina en download noemt dan de lokale bron. Zonder die optie wordt zo'n regel
  geweigerd. Met --gemeente laadt u voor één gemeente: een regel van een gebied buiten die gemeente (of van
  Nederland) wordt geweigerd. Zonder --gemeente is het een landelijke import.
${GEBRUIKER_HELP}
  enquete-codes SLEUTEL AANTAL     codes voor uitnodigingsbrieven maken (één keer getoond, alleen een hash bewaard)
  herinneringen [--dagen N]       mail een herinnering N dagen (standaard 14) vóór elke subsidiedeadline en elk gepland raadsinformatiemoment, één keer per deadline (SMTP_URL, MAIL_FROM)
  backup BESTAND                  een back-up maken terwijl de server draait (SQLite: online back-up; PostgreSQL: pg_dump)
  herstel BESTAND [--overschrijf] een back-up terugzetten in een lege database (SQLite: eerst de server stoppen)

Database: DATABASE_URL (leeg = ./data/wijkkompas.sqlite, sqlite:PAD of postgres://…).`;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`Optie --${name} ontbreekt.`);
  return v;
}

function year(values: Record<string, string | boolean | undefined>, name: string): number {
  const raw = required(values, name);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1990 || n > 2100)
    throw new UsageError(`--${name} moet een jaartal zijn, niet "${raw}".`);
  return n;
}

function readInput(file: string | undefined): ImportInput {
  if (!file) throw new UsageError('Geef het bestand op dat u wilt importeren.');
  if (!fs.existsSync(file)) throw new UsageError(`Bestand niet gevonden: ${file}`);
  return { bytes: fs.readFileSync(file), fileName: path.basename(file) };
}

async function parseImport(
  kind: string | undefined,
  rest: string[],
  lookup: AreaLookup,
): Promise<ParsedImport> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      tabel: { type: 'string' },
      metadata: { type: 'string' },
      indeling: { type: 'string' },
      periode: { type: 'string' },
      gemeente: { type: 'string' },
      typed: { type: 'string' },
      fetch: { type: 'string' },
      niveau: { type: 'string' },
      bron: { type: 'string' },
      'vervangt-cbs': { type: 'boolean' },
      'decimale-komma': { type: 'boolean' },
    },
  });
  if (!isUploadKind(kind)) {
    throw new UsageError(
      `Onbekend soort import "${kind ?? ''}". Kies statline, odata, pdok, politie of lokaal.`,
    );
  }
  const indelingYear = year(values, 'indeling');
  const period = values.periode;
  if (values.gemeente !== undefined && !/^GM\d{4}$/.test(values.gemeente)) {
    throw new UsageError(
      `--gemeente moet een gemeentecode zijn (GM gevolgd door 4 cijfers), niet "${values.gemeente}".`,
    );
  }
  if (kind === 'odata' && values.fetch) {
    const fetched = await fetchOdataTable(values.fetch, {});
    const scope = values.gemeente
      ? { municipalityCode: values.gemeente, scope: values.gemeente }
      : {};
    const parsed = parseOdataJson(fetched, lookup, {
      tableId: values.fetch,
      indelingYear,
      ...(period ? { period } : {}),
      ...scope,
      plausibility: shippedPlausibility(),
    });
    assertWithinScope(parsed, values.gemeente);
    return parsed;
  }
  // Checked here first so the CLI names its own option (--tabel) in the message.
  const needs = KIND_NEEDS[kind];
  const main = kind === 'odata' ? readInput(required(values, 'typed')) : readInput(positionals[0]);
  const metadata = needs.metadata ? readInput(required(values, 'metadata')) : undefined;
  const options: UploadOptions = {
    indelingYear,
    ...(needs.tableId ? { tableId: required(values, 'tabel') } : {}),
    ...(kind === 'statline' ? { period: required(values, 'periode') } : {}),
    ...(kind === 'odata' && period ? { period } : {}),
    ...(values.gemeente ? { municipalityCode: values.gemeente } : {}),
    ...(kind === 'lokaal' && values.bron ? { source: values.bron } : {}),
    ...(kind === 'lokaal' && values['vervangt-cbs'] === true ? { replacesCbs: true } : {}),
    ...(kind === 'statline' && values['decimale-komma'] === true ? { decimalComma: true } : {}),
  };
  if (needs.level) {
    const level = required(values, 'niveau');
    if (level !== 'buurt' && level !== 'wijk' && level !== 'gemeente') {
      throw new UsageError('--niveau moet buurt, wijk of gemeente zijn.');
    }
    options.level = level;
  }
  return parseUpload(kind, main.bytes, main.fileName, options, lookup, metadata);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const handle = createDb(config.database);
  try {
    if (command === 'backup' || command === 'herstel') {
      return await backupCommand(command, rest, handle, config.database);
    }
    await migrateToLatest(handle.db);
    switch (command) {
      case 'migreer':
        console.log('Database is bijgewerkt.');
        return 0;
      case 'laad-standaard': {
        const report = await seedShippedData(handle.db, config.datasetsDir, { importedBy: 'cli' });
        console.log(`Geladen: ${report.imported.length}, al aanwezig: ${report.unchanged.length}.`);
        for (const name of report.imported) console.log(`  + ${name}`);
        return 0;
      }
      case 'datasets': {
        for (const d of await listDatasets(handle.db)) {
          console.log(
            `${d.imported_at}  ${d.status.padEnd(11)} ${d.kind.padEnd(16)} ${d.table_id ?? '-'}  ${d.file_name}  ${d.observation_count} waarden  sha256:${d.file_hash.slice(0, 12)}`,
          );
        }
        return 0;
      }
      case 'import': {
        const [kind, ...options] = rest;
        if (kind === 'postcodes') {
          const { values, positionals } = parseArgs({
            args: options,
            allowPositionals: true,
            options: { indeling: { type: 'string' } },
          });
          const parsed = parsePostcodeBuurtCsv(readInput(positionals[0]), {
            indelingYear: year(values, 'indeling'),
          });
          const outcome = await importPostcodeTable(handle.db, parsed, { importedBy: 'cli' });
          console.log(
            outcome.status === 'ongewijzigd'
              ? `Dit bestand is al geïmporteerd (${outcome.importedAt}); er is niets veranderd.`
              : `Geïmporteerd: ${outcome.rows} regels, ${outcome.postcodes} postcodes (dataset ${outcome.datasetId}).`,
          );
          return 0;
        }
        const lookup = await loadAreaLookup(handle.db);
        const parsed = await parseImport(kind, options, lookup);
        const gemeente = parseArgs({ args: options, allowPositionals: true, strict: false }).values
          .gemeente;
        const progress = createProgress();
        const outcome = await commitImport(handle.db, parsed, {
          importedBy: 'cli',
          ...(typeof gemeente === 'string' ? { scope: gemeente } : {}),
          onProgress: progress.report,
        });
        progress.stop();
        if (outcome.status === 'ongewijzigd') {
          console.log(
            `Dit bestand is al geïmporteerd (${outcome.importedAt}); er is niets veranderd.`,
          );
        } else {
          console.log(
            `Geïmporteerd: ${outcome.rows} regels, ${outcome.observations} waarden, ${outcome.areas} gebieden (dataset ${outcome.datasetId}).`,
          );
        }
        return 0;
      }
      case 'enquete-codes': {
        const [key, count] = rest;
        if (!key || !/^[a-z0-9-]{3,64}$/.test(key) || !count || !/^\d+$/.test(count)) {
          throw new UsageError(`Gebruik: wijkkompas enquete-codes SLEUTEL AANTAL\n\n${HELP}`);
        }
        // The codes are stored keyed with the server's secret: without it they would never work.
        const secret = process.env.SURVEY_HMAC_SECRET;
        if (!secret || secret.length < 32) {
          throw new UsageError(
            'Zet eerst SURVEY_HMAC_SECRET (dezelfde waarde als de server, minstens 32 tekens): de codes worden met dat geheim opgeslagen. Er is niets gemaakt.',
          );
        }
        for (const code of await createInvitationCodes(handle.db, secret, key, Number(count)))
          console.log(code);
        return 0;
      }
      case 'haal-op':
        await runHaalOp(handle.db, rest, {
          datasetsDir: config.datasetsDir,
          log: (line) => console.log(line),
          progress: (line) => {
            if (!process.stderr.isTTY) return;
            const shown = withJobBar(line);
            process.stderr.write(`\r\x1b[K${shown.slice(0, (process.stderr.columns || 120) - 1)}`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        return 0;
      case 'omzettabel': {
        const { values } = parseArgs({
          args: rest,
          options: {
            van: { type: 'string' },
            naar: { type: 'string' },
            gemeente: { type: 'string' },
            niveau: { type: 'string' },
          },
        });
        const gemeente = required(values, 'gemeente');
        if (!/^GM\d{4}$/.test(gemeente))
          throw new UsageError(
            `--gemeente moet een gemeentecode zijn (GM0505), niet "${gemeente}".`,
          );
        const niveau = values.niveau ?? 'buurt';
        if (niveau !== 'buurt' && niveau !== 'wijk')
          throw new UsageError('--niveau moet buurt of wijk zijn.');
        const outcome = await new CrosswalkService(handle.db).deriveAndStore({
          municipalityCode: gemeente,
          fromYear: year(values, 'van'),
          toYear: year(values, 'naar'),
          kind: niveau,
          actor: 'cli',
        });
        console.log(
          `Omzettabel: ${outcome.derived} koppelingen afgeleid (beide richtingen), ${outcome.oneToOne} keer dezelfde ${niveau}, ${outcome.added} nieuw opgeslagen.`,
        );
        if (outcome.withoutOutline.length > 0)
          console.log(`Zonder grenzen, niet gekoppeld: ${outcome.withoutOutline.join(', ')}.`);
        return 0;
      }
      case 'herinneringen': {
        const { values } = parseArgs({ args: rest, options: { dagen: { type: 'string' } } });
        const days = values.dagen === undefined ? DEFAULT_REMINDER_DAYS : Number(values.dagen);
        if (!Number.isInteger(days) || days < 0 || days > 365)
          throw new UsageError('--dagen is een heel getal van 0 tot en met 365.');
        const service = new ReminderService(
          new SubsidyRepository(handle.db),
          databaseAuditWriter,
          config.mail ? createReminderMailer(config.mail) : undefined,
        );
        const report = await service.sendDue(days);
        if (report.notice) console.log(report.notice);
        else
          console.log(
            `Herinneringen verstuurd: ${report.sent}; deadlines zonder e-mailadres: ${report.withoutAddress}.`,
          );
        // The planned council information moments (ADR 0032), with the same mail and window.
        if (config.mail) {
          const moments = await new CouncilMomentReminders(
            new CouncilLetterRepository(handle.db),
            councilLetterTransaction(handle.db),
          ).sendMomentReminders(createReminderMailer(config.mail), days);
          console.log(`Herinneringen voor raadsinformatiemomenten verstuurd: ${moments.sent}.`);
        }
        return 0;
      }
      case 'gebruiker':
        console.log(
          await runGebruiker(handle.db, rest, {
            env: process.env,
            stdin: process.stdin,
            prompt: (t) => process.stderr.write(t),
          }),
        );
        return 0;
      default:
        throw new UsageError(`Onbekende opdracht "${command}".\n\n${HELP}`);
    }
  } catch (error) {
    if (error instanceof ImportValidationError) {
      console.error('Import geweigerd; er is niets veranderd.');
      for (const p of error.problems) console.error(`  ${formatLocation(p)}: ${p.message}`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    console.error(`Onverwachte fout: ${(error as Error).stack ?? String(error)}`);
    return 2;
  } finally {
    await handle.destroy();
  }
}

/** backup and herstel work on the database as it is: no migration first. */
async function backupCommand(
  command: 'backup' | 'herstel',
  rest: string[],
  handle: ReturnType<typeof createDb>,
  database: ReturnType<typeof loadConfig>['database'],
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { overschrijf: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file) throw new UsageError(`Gebruik: wijkkompas ${command} BESTAND\n\n${HELP}`);
  if (command === 'backup') {
    await backupDatabase(handle, database, file);
    console.log(
      `Back-up gemaakt: ${file} (${fs.statSync(file).size.toLocaleString('nl-NL')} bytes).`,
    );
    return 0;
  }
  await restoreDatabase(handle, database, file, { overwrite: values.overschrijf === true });
  console.log(
    `Back-up ${file} teruggezet. Start de server opnieuw; die werkt het schema zo nodig bij.`,
  );
  return 0;
}
