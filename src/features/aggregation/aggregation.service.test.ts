import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import type { Database } from '../../db/schema.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { insertCrosswalk, upsertAreas } from '../areas/area.repository.ts';
import { insertDataset, insertObservations } from '../datasets/dataset.repository.ts';
import type { ObservationStatus } from '../datasets/dataset.table.ts';
import { insertVersion, upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import type { MemberStatus } from '../focus-areas/focus-area.table.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { aggregateIndicator, aggregateIndicatorFrom } from './aggregation.service.ts';
import { selectionForFocusArea } from '../monitor/focus-area-selection.ts';
import { MonitorData } from '../monitor/monitor-data.ts';
import type { Catalogue } from '../indicators/catalogue.schema.ts';

/*
 * Fixture (made-up values, codes BU0999xxxx do not exist), focus area "fixture-west", version 1
 * on indeling 2023:
 *   BU09990001 lid, BU09990002 lid, BU09990003 lid (crime count secret),
 *   BU09990004 te_bevestigen, BU09990005 uitgesloten.
 * Politie-like data (indeling 2023, period 2023): misdrijven 30, 12, geheim, 500, 7.
 * PDOK-like data (indeling 2023, period 2023): inwoners 1000, 500, 180, 2000, 900.
 * KWB-like data (indeling 2024, period 2024): bijstand 40, 15 (voorlopig), geheim, 99, 99;
 *   inwoners 1010, 490, 185, 2000, 900. Identity crosswalk 2023 → 2024.
 */
type Row = [code: string, value: number | null, status?: ObservationStatus];

async function dataset(
  db: Kysely<Database>,
  id: string,
  year: number,
  period: string,
  vars: Record<string, Row[]>,
  importedAt = '2026-01-01T00:00:00.000Z',
): Promise<void> {
  const obs = Object.entries(vars).flatMap(([variable, rows]) =>
    rows.map(([area_code, value, status]) => ({
      dataset_id: id,
      variable,
      indeling_year: year,
      area_code,
      period,
      value,
      numerator: null,
      denominator: null,
      status: status ?? (value === null ? ('geheim' as const) : ('definitief' as const)),
    })),
  );
  await insertDataset(db, {
    id,
    kind: 'local-csv',
    fingerprint: `fp-${id}`,
    source: 'fixture',
    table_id: null,
    edition: null,
    title: `fixture ${id}`,
    file_name: `${id}-fixture.csv`,
    file_hash: id,
    indeling_year: year,
    imported_at: importedAt,
    imported_by: 'test',
    row_count: obs.length,
    observation_count: obs.length,
    area_count: 5,
    status: 'actief',
    attribution: 'fixture',
  });
  await insertObservations(db, obs);
}

const B = (n: number): string => `BU099900${String(n).padStart(2, '0')}`;

/**
 * One indicator for a focus area the way the monitor computes it (issue 16.3: the tests go
 * through the production path): the focus area's selection (selectionForFocusArea, which keeps
 * the counted members through counted-members.ts) over the municipality's snapshot, aggregated
 * in the selection's indeling year, as the profile's own series does.
 */
async function aggregateForFocusArea(
  db: Kysely<Database>,
  catalogue: Catalogue,
  input: { slug: string; version?: number; indicatorKey: string; period: string },
) {
  const monitor = new MonitorData(db, () => Promise.resolve(catalogue));
  const selection = await selectionForFocusArea(monitor, input.slug, input.version);
  const source = await monitor.snapshot(selection.municipalityCode);
  const result = await aggregateIndicatorFrom(source, catalogue, {
    indicatorKey: input.indicatorKey,
    buurtCodes: selection.buurtCodes,
    indelingYear: selection.indelingYear,
    period: input.period,
  });
  return { ...result, slug: input.slug, version: selection.version };
}

async function seed(db: Kysely<Database>, options: { crosswalk?: number[] } = {}): Promise<void> {
  // The buurten of the fixture municipality in both indeling years: the monitor's snapshot of a
  // municipality holds the observations of its areas.
  await upsertAreas(
    db,
    [2023, 2024].flatMap((indeling_year) =>
      [1, 2, 3, 4, 5].map((n) => ({
        indeling_year,
        code: B(n),
        kind: 'buurt' as const,
        name: `Fixturebuurt ${n}`,
        parent_code: null,
        municipality_code: 'GM0999',
        geometry: null,
        is_water: 0,
      })),
    ),
  );
  await upsertFocusArea(db, {
    slug: 'fixture-west',
    name: 'Fixture West',
    municipality_code: 'GM0999',
    municipality_name: 'Fixturestad',
    composition_status: 'bekend',
    source_note: 'fixture',
  });
  const statuses: MemberStatus[] = ['lid', 'lid', 'lid', 'te_bevestigen', 'uitgesloten'];
  await insertVersion(
    db,
    {
      focus_area_slug: 'fixture-west',
      version: 1,
      indeling_year: 2023,
      rationale: 'fixture',
      created_at: '2026-01-01',
      created_by: 'test',
    },
    statuses.map((status, i) => ({
      focus_area_slug: 'fixture-west',
      version: 1,
      buurt_code: B(i + 1),
      status,
      reason: null,
    })),
  );
  await dataset(db, 'politie', 2023, '2023', {
    GeregistreerdeMisdrijven: [
      [B(1), 30],
      [B(2), 12],
      [B(3), null],
      [B(4), 500],
      [B(5), 7],
    ],
  });
  await dataset(db, 'pdok', 2023, '2023', {
    AantalInwoners: [
      [B(1), 1000],
      [B(2), 500],
      [B(3), 180],
      [B(4), 2000],
      [B(5), 900],
    ],
  });
  await dataset(db, 'kwb', 2024, '2024', {
    PersonenPerSoortUitkeringBijstand: [
      [B(1), 40],
      [B(2), 15, 'voorlopig'],
      [B(3), null],
      [B(4), 99],
      [B(5), 99],
    ],
    AantalInwoners: [
      [B(1), 1010],
      [B(2), 490],
      [B(3), 185],
      [B(4), 2000],
      [B(5), 900],
    ],
  });
  await insertCrosswalk(
    db,
    (options.crosswalk ?? [1, 2, 3, 4, 5]).map((n) => ({
      from_year: 2023,
      from_code: B(n),
      to_year: 2024,
      to_code: B(n),
      weight: 1,
      note: 'ongewijzigd (fixture)',
    })),
  );
}

describeEachDialect('aggregation service', (getDb) => {
  const catalogue = loadCatalogue();

  it('counts only "lid" buurten and discloses the secret one with its inhabitants', async () => {
    const { db } = getDb();
    await seed(db);
    const r = await aggregateForFocusArea(db, catalogue, {
      slug: 'fixture-west',
      indicatorKey: 'misdrijven-per-1000',
      period: '2023',
    });
    // (30 + 12) / (1000 + 500) × 1000 = 42 / 1500 × 1000 = 28; BU…03 secret (180 inw.);
    // BU…04 (te_bevestigen, 500 crimes) and BU…05 (uitgesloten) do not count.
    assert.equal(r.status, 'berekend');
    assert.ok(Math.abs((r.value as number) - 28) < 1e-9, String(r.value));
    assert.equal(r.numerator, 42);
    assert.equal(r.denominator, 1500);
    assert.deepEqual(r.includedCodes, [B(1), B(2)]);
    assert.deepEqual(r.excluded, [{ code: B(3), inhabitants: 180, reason: 'geheim' }]);
    assert.equal(r.version, 1);
    assert.equal(r.indelingYear, 2023);
  });

  it('reads data of another indeling year through the crosswalk and carries voorlopig', async () => {
    const { db } = getDb();
    await seed(db);
    const r = await aggregateForFocusArea(db, catalogue, {
      slug: 'fixture-west',
      version: 1,
      indicatorKey: 'bijstand-per-1000',
      period: '2024',
    });
    // (40 + 15) / (1010 + 490) × 1000 = 55 / 1500 × 1000 = 36.67; BU…03 secret, 185 inw. in 2024.
    assert.ok(Math.abs((r.value as number) - (55 / 1500) * 1000) < 1e-9, String(r.value));
    assert.deepEqual(r.flags, ['voorlopig']);
    assert.deepEqual(r.excluded, [{ code: B(3), inhabitants: 185, reason: 'geheim' }]);
    assert.deepEqual(r.dataIndelingYears, {
      PersonenPerSoortUitkeringBijstand: 2024,
      AantalInwoners: 2024,
    });
  });

  it('leaves out a buurt that has no 1:1 crosswalk and says why', async () => {
    const { db } = getDb();
    await seed(db, { crosswalk: [1, 3, 4, 5] });
    const r = await aggregateForFocusArea(db, catalogue, {
      slug: 'fixture-west',
      indicatorKey: 'bijstand-per-1000',
      period: '2024',
    });
    // Only BU…01: 40 / 1010 × 1000. BU…02 has no crosswalk; its 2024 inhabitants cannot be read
    // either, so the disclosure falls back to its 2023 count (500).
    assert.ok(Math.abs((r.value as number) - (40 / 1010) * 1000) < 1e-9, String(r.value));
    assert.deepEqual(r.excluded.map((e) => [e.code, e.reason, e.inhabitants]).sort(), [
      [B(2), 'indeling gewijzigd', 500],
      [B(3), 'geheim', 185],
    ]);
  });

  it('aggregates any list of buurten, and the newest import wins', async () => {
    const { db } = getDb();
    await seed(db);
    // A later import corrects BU…04's inhabitants for 2023.
    await dataset(
      db,
      'pdok-correctie',
      2023,
      '2023',
      { AantalInwoners: [[B(4), 1995]] },
      '2026-02-01T00:00:00.000Z',
    );
    const r = await aggregateIndicator(db, catalogue, {
      indicatorKey: 'aantal-inwoners',
      buurtCodes: [B(1), B(4)],
      indelingYear: 2023,
      period: '2023',
    });
    // 1000 + 1995 = 2995
    assert.equal(r.value, 2995);
    assert.deepEqual(r.excluded, []);
  });

  it('says "nog niet geladen" (never 0) when the data is not there, and "onvoldoende data" when all is secret', async () => {
    const { db } = getDb();
    await seed(db);
    const woz = await aggregateForFocusArea(db, catalogue, {
      slug: 'fixture-west',
      indicatorKey: 'woz-waarde',
      period: '2024',
    });
    assert.equal(woz.status, 'nog niet geladen');
    assert.equal(woz.value, null);

    const secret = await aggregateIndicator(db, catalogue, {
      indicatorKey: 'misdrijven',
      buurtCodes: [B(3)],
      indelingYear: 2023,
      period: '2023',
    });
    assert.equal(secret.status, 'onvoldoende data');
    assert.equal(secret.value, null);
    assert.deepEqual(secret.excluded, [{ code: B(3), inhabitants: 180, reason: 'geheim' }]);
  });

  it('refuses an unknown focus area, version or indicator with a Dutch message', async () => {
    const { db } = getDb();
    await seed(db);
    await assert.rejects(
      aggregateForFocusArea(db, catalogue, {
        slug: 'nergens',
        indicatorKey: 'misdrijven',
        period: '2023',
      }),
      NotFoundError,
    );
    await assert.rejects(
      aggregateForFocusArea(db, catalogue, {
        slug: 'fixture-west',
        version: 9,
        indicatorKey: 'misdrijven',
        period: '2023',
      }),
      /geen versie 9/,
    );
    await assert.rejects(
      aggregateIndicator(db, catalogue, {
        indicatorKey: 'bestaat-niet',
        buurtCodes: [B(1)],
        indelingYear: 2023,
        period: '2023',
      }),
      /staat niet in de catalogus/,
    );
  });
});
