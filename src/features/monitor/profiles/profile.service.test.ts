import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  aggregateIndicator,
  aggregateIndicatorFrom,
} from '../../aggregation/aggregation.service.ts';
import {
  findObservations,
  setDatasetStatus,
  listDatasets,
} from '../../datasets/dataset.repository.ts';
import { loadCatalogue } from '../../indicators/catalogue.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { MonitorData } from '../monitor-data.ts';
import { buildProfile, selectionForFocusArea } from './profile.service.ts';
import type { AreaProfile, IndicatorProfile } from '../profile.types.ts';

const catalogue = loadCatalogue();

function find(profile: AreaProfile, key: string): IndicatorProfile {
  const found = profile.themes.flatMap((t) => t.indicators).find((i) => i.indicator.key === key);
  assert.ok(found, `indicator ${key} in profile`);
  return found;
}

for (const dialect of dialects) {
  describe(
    `monitor profile on the shipped data [${dialect}]`,
    { skip: dialectUnavailable(dialect) },
    () => {
      // One seeded database for the file: seeding takes a moment and the tests restore what they change.
      let handle: TestDb | undefined;
      let data: MonitorData;
      const getDb = (): TestDb => {
        if (!handle) throw new Error('database not ready');
        return handle;
      };
      before(async () => {
        handle = await createTestDb(dialect);
        await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
        data = new MonitorData(handle.db, () => Promise.resolve(catalogue));
      });
      after(async () => {
        await handle?.drop();
      });

      it('computes the same figures from the in-memory snapshot as from the database', async () => {
        const selection = await selectionForFocusArea(data, 'dordt-west');
        const snapshot = await data.snapshot('GM0505');
        let compared = 0;
        for (const indicator of catalogue.indicators) {
          for (const period of ['2023', '2024']) {
            for (const codes of [selection.buurtCodes, ['GM0505']]) {
              const input = {
                indicatorKey: indicator.key,
                buurtCodes: codes,
                indelingYear: 2023,
                period,
              };
              const fromDb = await aggregateIndicator(getDb().db, catalogue, input);
              const fromMemory = await aggregateIndicatorFrom(snapshot, catalogue, input);
              assert.deepEqual(fromMemory, fromDb, `${indicator.key} ${period} ${codes.length}`);
              if (fromDb.value !== null) compared++;
            }
          }
        }
        assert.ok(compared > 20, `compared ${compared} real values`);
      });

      it('gives Dordt West its inhabitants per year, the change and the references', async () => {
        const selection = await selectionForFocusArea(data, 'dordt-west');
        assert.equal(selection.buurtCodes.length, 24);
        const profile = await buildProfile(data, selection);
        const inhabitants = find(profile, 'aantal-inwoners');
        // Independent check: the 24 buurten summed straight from the observations.
        const rows = await findObservations(getDb().db, {
          variables: ['AantalInwoners'],
          indelingYear: 2024,
          areaCodes: selection.buurtCodes,
          periods: ['2024'],
        });
        const sum2024 = rows.reduce((a, r) => a + Number(r.value), 0);
        assert.equal(inhabitants.latest?.period, '2024');
        assert.equal(inhabitants.latest?.result.value, sum2024);
        assert.equal(inhabitants.baseline?.period, '2023');
        assert.equal(inhabitants.baseline?.result.value, 28740);
        assert.equal(inhabitants.change, sum2024 - 28740);

        const gemeente = inhabitants.references.find((r) => r.key === 'gemeente');
        const gm2024 = await findObservations(getDb().db, {
          variables: ['AantalInwoners'],
          indelingYear: 2024,
          areaCodes: ['GM0505'],
          periods: ['2024'],
        });
        assert.equal(
          gemeente?.points.find((p) => p.period === '2024')?.result.value,
          Number(gm2024[0]?.value),
        );
        const rest = inhabitants.references.find((r) => r.key === 'rest_gemeente');
        const restValue = rest?.points.find((p) => p.period === '2024')?.result.value;
        assert.ok(restValue !== null && restValue !== undefined && restValue > 0);
        const nplv = inhabitants.references.find((r) => r.key === 'nplv');
        // No NPLV average of a count (twenty areas' inhabitants added up are no area's figure).
        assert.equal(nplv?.points.length, 0);
        assert.equal(nplv?.missing, 'niet van toepassing');
      });

      it('computes density as Σ inwoners / Σ land, never a mean of published densities', async () => {
        // Hand-computed from datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson:
        // Dordt West (24 buurten) 28.740 inwoners on 405 ha land = 7.096,3 per km²; Dordrecht
        // (133 buurten) 121.430 inwoners on 7.757 ha = 1.565,4 per km². The land-weighted mean
        // of CBS's published buurt densities, which leaves out buurten whose density is secret
        // together with their land, would give 7.312,0 and 1.748,1.
        const selection = await selectionForFocusArea(data, 'dordt-west');
        const density = find(await buildProfile(data, selection), 'bevolkingsdichtheid');
        const area2023 = density.area.find((p) => p.period === '2023')?.result;
        assert.ok(area2023?.value, 'a 2023 density for Dordt West');
        assert.equal(area2023.numerator, 28740);
        assert.equal(area2023.denominator, 405);
        assert.equal(Math.round(area2023.value * 10) / 10, 7096.3);
        assert.deepEqual(area2023.flags, []);

        const gemeente2023 = density.references
          .find((r) => r.key === 'gemeente')
          ?.points.find((p) => p.period === '2023')?.result;
        assert.ok(gemeente2023?.value, 'a 2023 density for Dordrecht');
        assert.equal(gemeente2023.numerator, 121430);
        assert.equal(gemeente2023.denominator, 7757);
        assert.equal(Math.round(gemeente2023.value * 10) / 10, 1565.4);
      });

      it('lists an indicator without data as not loaded, never as zero', async () => {
        const profile = await buildProfile(data, await selectionForFocusArea(data, 'dordt-west'));
        const health = find(profile, 'ervaren-gezondheid-goed');
        assert.equal(health.loaded, false);
        assert.equal(health.latest, null);
        assert.deepEqual(health.area, []);
      });

      it('moves to a new data version when a dataset is withdrawn, and recomputes', async () => {
        const before = await data.dataVersion();
        const selection = await selectionForFocusArea(data, 'dordt-west');
        assert.equal(find(await buildProfile(data, selection), 'misdrijven').loaded, true);
        const politie = (await listDatasets(getDb().db)).find((d) => d.table_id === '47018NED');
        assert.ok(politie);
        await setDatasetStatus(getDb().db, politie.id, 'ingetrokken');
        try {
          assert.notEqual(await data.dataVersion(), before);
          const crime = find(await buildProfile(data, selection), 'misdrijven');
          assert.equal(crime.loaded, false);
        } finally {
          await setDatasetStatus(getDb().db, politie.id, 'actief');
        }
        // The version is explicit (ADR 0024): restoring is a change of its own, so the version
        // moves on (never back to an earlier one) and the figures are computed again.
        const restored = await data.dataVersion();
        assert.notEqual(restored, before);
        assert.equal(find(await buildProfile(data, selection), 'misdrijven').loaded, true);
      });
    },
  );
}
