import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { projectRoot } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import { fromText, shipped } from '../../../test/fixtures/imports/problems.fixture.ts';
import { parseDataProperties } from './cbs-metadata.ts';
import { commitImport } from './import.service.ts';
import { parseLocalCsv } from './local-csv.importer.ts';
import { parsePolitie47018Csv } from './politie-47018.importer.ts';
import { parseStatlineCsv } from './statline-csv.importer.ts';

const lookup = dordrechtLookup2023();
const POLITIE = 'datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv';
const KWB = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht.csv';
const ctx = { importedBy: 'test', now: () => new Date('2026-01-01T00:00:00Z') };

async function counts(db: Kysely<Database>) {
  const count = async (table: 'datasets' | 'observations' | 'variables') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    datasets: await count('datasets'),
    observations: await count('observations'),
    variables: await count('variables'),
  };
}

describeEachDialect('CSV imports committed to the database', (getDb) => {
  it('writes the politie file once; the same file again is ongewijzigd and changes no rows', async () => {
    const { db } = getDb();
    const first = await commitImport(
      db,
      parsePolitie47018Csv(shipped(POLITIE), lookup, { indelingYear: 2023 }),
      ctx,
    );
    assert.equal(first.status, 'geimporteerd');
    const after = await counts(db);
    assert.deepEqual(after, { datasets: 1, observations: 132, variables: 1 });
    const total = await db
      .selectFrom('observations')
      .select((eb) => eb.fn.sum<number | string>('value').as('total'))
      .where('variable', '=', 'GeregistreerdeMisdrijven')
      .executeTakeFirstOrThrow();
    assert.equal(Number(total.total), 6475);
    const dataset = await db.selectFrom('datasets').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [
        dataset.kind,
        dataset.table_id,
        Number(dataset.row_count),
        Number(dataset.observation_count),
      ],
      ['politie-47018', '47018NED', 132, 132],
    );

    const again = await commitImport(
      db,
      parsePolitie47018Csv(shipped(POLITIE), lookup, { indelingYear: 2023 }),
      ctx,
    );
    assert.equal(again.status, 'ongewijzigd');
    assert.equal(again.datasetId, first.status === 'geimporteerd' ? first.datasetId : '');
    assert.deepEqual(await counts(db), after);

    // The import wrote one audit entry with its provenance; the unchanged second run none.
    const audit = await db.selectFrom('audit_log').selectAll().execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'dataset.geimporteerd');
    assert.equal(audit[0]?.actor, 'test');
    assert.equal(audit[0]?.municipality_code, 'GM0505');
    assert.equal(audit[0]?.entity_id, dataset.id);
    assert.match(audit[0]?.after ?? '', /"tabel":"47018NED"/);
  });

  it('writes the StatLine file matched by name with its variables', async () => {
    const { db } = getDb();
    const dataProperties = parseDataProperties(
      fs.readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json')),
      '85984NED_DataProperties.json',
    );
    const parsed = parseStatlineCsv(shipped(KWB), lookup, {
      tableId: '85984NED',
      dataProperties,
      indelingYear: 2023,
      period: '2024',
      municipalityCode: 'GM0505',
    });
    const outcome = await commitImport(db, parsed, ctx);
    assert.equal(outcome.status, 'geimporteerd');
    assert.deepEqual(await counts(db), { datasets: 1, observations: 588, variables: 4 });
    const nl = await db
      .selectFrom('observations')
      .select('value')
      .where('area_code', '=', 'NL00')
      .where('variable', '=', 'AantalInwoners')
      .executeTakeFirstOrThrow();
    assert.equal(Number(nl.value), 17942942);
  });

  it('recognises a file by its content: the same figures read with other options are "al geïmporteerd"', async () => {
    const { db } = getDb();
    const dataProperties = parseDataProperties(
      fs.readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json')),
      '85984NED_DataProperties.json',
    );
    const options = {
      tableId: '85984NED',
      dataProperties,
      indelingYear: 2023,
      period: '2024',
      municipalityCode: 'GM0505',
    };
    // As the seed reads it (with an edition), then as the README's command line does (without).
    const seeded = await commitImport(
      db,
      parseStatlineCsv(shipped(KWB), lookup, { ...options, edition: '2024' }),
      ctx,
    );
    assert.equal(seeded.status, 'geimporteerd');
    const after = await counts(db);
    const again = await commitImport(db, parseStatlineCsv(shipped(KWB), lookup, options), ctx);
    assert.equal(again.status, 'ongewijzigd');
    assert.equal(again.datasetId, seeded.status === 'geimporteerd' ? seeded.datasetId : '');
    assert.deepEqual(await counts(db), after);
    // Other figures from the same bytes (another period) are a new dataset.
    const other = await commitImport(
      db,
      parseStatlineCsv(shipped(KWB), lookup, { ...options, period: '2024*' }),
      ctx,
    );
    assert.equal(other.status, 'geimporteerd');
    assert.equal((await counts(db)).datasets, 2);
  });

  it('a file that fails to parse leaves the database as it was', async () => {
    const { db } = getDb();
    await commitImport(
      db,
      parsePolitie47018Csv(shipped(POLITIE), lookup, { indelingYear: 2023 }),
      ctx,
    );
    const before = await counts(db);
    const bad = fromText(
      'kapot.csv',
      'gebiedscode;periode;indicator;waarde\nGM0505;2020;x;1\nGM0505;2020;x;veel\n',
    );
    await assert.rejects(
      async () => commitImport(db, parseLocalCsv(bad, lookup, { indelingYear: 2023 }), ctx),
      (e: unknown) =>
        e instanceof ImportValidationError && /kapot\.csv, regel 3, kolom 4/.test(e.message),
    );
    assert.deepEqual(await counts(db), before);
  });
});
