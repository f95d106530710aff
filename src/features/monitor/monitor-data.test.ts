import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { createDb, rawSqliteOf } from '../../db/database.ts';
import { bumpDataVersion } from '../../db/data-change.repository.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { insertDataset } from '../datasets/dataset.repository.ts';
import { insertCatalogueVersion } from '../indicators/catalogue.store.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { OTHER_PROCESS_CHECK_MS } from './page-cache/data-version.ts';
import { MonitorData } from './monitor-data.ts';
import type { SurveyEstimateProvider } from './survey-estimates.ts';

const catalogue = loadCatalogue();

describeEachDialect('monitor data caches', (getDb) => {
  it('keeps the survey weighting per data version, and weighs again after a change', async () => {
    const { db } = getDb();
    let weighed = 0;
    const provider: SurveyEstimateProvider = async (_measure, _selection, remember) => {
      assert.ok(remember, 'the monitor hands its per-version cache to the provider');
      await remember('enquete-gewogen\u0000fixture', () => Promise.resolve(++weighed));
      return [];
    };
    const data = new MonitorData(db, () => Promise.resolve(catalogue), provider);
    const measure = {
      type: 'survey_proportion' as const,
      questionnaire: 'fixture',
      variable: 'v',
      values: ['ja'],
    };
    const selection = {
      kind: 'focusgebied' as const,
      name: 'Fixture',
      municipalityCode: 'GM0999',
      municipalityName: 'Fixture',
      indelingYear: 2024,
      buurtCodes: [],
      slug: 'fixture',
      version: 1,
    };
    await data.dataVersion();
    await data.surveyEstimates?.(measure, selection);
    await data.surveyEstimates?.(measure, selection);
    assert.equal(weighed, 1, 'weighed once per version');
    await db.transaction().execute((trx) => bumpDataVersion(trx, 'enquete-antwoord'));
    await data.dataVersion();
    await data.surveyEstimates?.(measure, selection);
    assert.equal(weighed, 2, 'weighed again after a response moved the version');
  });

  it('keeps the catalogue across an import but reads it again after a catalogue edit', async () => {
    const { db } = getDb();
    let reads = 0;
    const data = new MonitorData(db, () => {
      reads++;
      return Promise.resolve(catalogue);
    });
    const first = await data.dataVersion();
    await data.catalogue();
    await data.catalogue();
    assert.equal(reads, 1);

    // An import (fixture dataset row, through the repository) moves the data version, not the
    // catalogue.
    await insertDataset(db, {
      id: 'fixture-dataset',
      kind: 'cbs-statline-csv',
      fingerprint: 'fixture',
      source: 'fixture',
      table_id: null,
      edition: null,
      title: 'fixture-dataset',
      file_name: 'fixture.csv',
      file_hash: 'fixture',
      indeling_year: 2024,
      imported_at: new Date(0).toISOString(),
      imported_by: 'fixture',
      row_count: 0,
      observation_count: 0,
      area_count: 0,
      status: 'actief',
      attribution: 'fixture',
    });
    const second = await data.dataVersion();
    assert.notEqual(second, first);
    await data.catalogue();
    assert.equal(reads, 1, 'an import does not re-read the catalogue');

    await insertCatalogueVersion(db, { catalogue, note: 'fixture', createdBy: 'fixture' });
    assert.notEqual(await data.dataVersion(), second);
    await data.catalogue();
    assert.equal(reads, 2, 'a catalogue edit does');
  });
});

/** A fixture dataset row, inserted with plain SQL (as the raw bulk path or another process). */
const INSERT_DATASET = `insert into datasets (id, kind, fingerprint, source, title, file_name,
  file_hash, indeling_year, imported_at, imported_by, row_count, observation_count, area_count,
  status, attribution) values (?, 'cbs-statline-csv', ?, 'fixture', 'fixture', 'fixture.csv',
  'fixture', 2024, '1970-01-01T00:00:00.000Z', 'fixture', 0, 0, 0, 'actief', 'fixture')`;
/** What every write that feeds the monitor does in its transaction (ADR 0024). */
const BUMP = `update data_changes set version = version + 1, changed_at = '1970-01-01T00:00:00.000Z',
  reason = 'dataset' where id = 1`;

describe('monitor data version on SQLite: the change marker', () => {
  it('reads the full version only after a write, by this connection or another process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-marker-'));
    const file = path.join(dir, 'wijkkompas.db');
    const handle = createDb({ kind: 'sqlite', file });
    const other = new SQLite(file);
    try {
      await migrateToLatest(handle.db);
      const raw = rawSqliteOf(handle.db);
      assert.ok(raw);
      // Count what the version check prepares: Kysely prepares every query it runs.
      let prepared = 0;
      const prepare = raw.prepare.bind(raw);
      raw.prepare = ((sql: string) => {
        prepared++;
        return prepare(sql);
      }) as typeof raw.prepare;
      const data = new MonitorData(handle.db, () => Promise.resolve(catalogue));

      const first = await data.dataVersion();
      assert.ok(prepared > 0, 'the first check reads the version');
      prepared = 0;
      assert.equal(await data.dataVersion(), first);
      assert.equal(await data.dataVersion(), first);
      assert.equal(prepared, 0, 'without a write, no query runs');

      // Another process (the CLI) imports: another connection commits. It is seen once the
      // last reading of data_version is older than OTHER_PROCESS_CHECK_MS.
      other.transaction(() => {
        other.prepare(INSERT_DATASET).run('fixture-other', 'fixture-other');
        other.prepare(BUMP).run();
      })();
      await sleep(OTHER_PROCESS_CHECK_MS + 5);
      const second = await data.dataVersion();
      assert.notEqual(second, first);

      // This process writes through the raw bulk path, outside Kysely: seen at once.
      raw.transaction(() => {
        prepare(INSERT_DATASET).run('fixture-raw', 'fixture-raw');
        prepare(BUMP).run();
      })();
      const third = await data.dataVersion();
      assert.notEqual(third, second);

      // A write that does not touch the monitor (a session) is read in full once, and changes
      // nothing.
      await handle.db.deleteFrom('sessions').execute();
      other.exec('delete from sessions');
      await sleep(OTHER_PROCESS_CHECK_MS + 5);
      assert.equal(await data.dataVersion(), third);
    } finally {
      other.close();
      await handle.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
