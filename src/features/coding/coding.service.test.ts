import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntryInput } from '../participation/participation.service.ts';
import type { Codebook, CodingItem, NewCode } from './coding.repository.ts';
import {
  CodingService,
  drawSample,
  parseCodebookText,
  samplePairs,
  type CodingStore,
} from './coding.service.ts';
import type { CodebookVersion, CodingAssignment, CodingSample } from './coding.table.ts';

const AREA = {
  slug: 'fixture-west',
  name: 'Fixture West',
  municipalityCode: 'GM0505',
  municipalityName: 'Fixture',
};
const THEMES = [
  { key: 'wonen', name: 'Wonen' },
  { key: 'veiligheid', name: 'Veiligheid' },
];

function fake(items: CodingItem[]) {
  const versions: { row: CodebookVersion; codes: NewCode[] }[] = [];
  let assignments: CodingAssignment[] = [];
  const samples: { sample: CodingSample; items: { source: 'bijeenkomst'; item_id: string }[] }[] =
    [];
  const audit: AuditEntryInput[] = [];
  const book = (v: { row: CodebookVersion; codes: NewCode[] }): Codebook => ({
    version: v.row,
    codes: v.codes.map((c) => ({ ...c, version_id: v.row.id })),
  });
  const repository: CodingStore = {
    listVersions: async () => versions.map((v) => v.row).reverse(),
    findCodebook: async (_slug, n) => {
      const v = n === undefined ? versions.at(-1) : versions.find((x) => x.row.version === n);
      return v ? book(v) : null;
    },
    insertCodebookVersion: async (row, codes) => {
      versions.push({ row, codes: [...codes] });
    },
    listSessionInputs: async () => items,
    saveAssignment: async (row) => {
      assignments = assignments.filter(
        (a) => !(a.source === row.source && a.item_id === row.item_id && a.coder === row.coder),
      );
      assignments.push(row as CodingAssignment);
    },
    findAssignment: async (source, id, coder) =>
      assignments.find((a) => a.source === source && a.item_id === id && a.coder === coder) ?? null,
    listAssignments: async () => assignments,
    countPerCode: async () => [],
    insertSample: async (sample, sampleItems) => {
      samples.push({ sample, items: sampleItems as { source: 'bijeenkomst'; item_id: string }[] });
    },
    latestSample: async () => samples.at(-1) ?? null,
  };
  let clock = 0;
  let ids = 0;
  const service = new CodingService({
    repository,
    transaction: (work) => work({ repository, audit: { record: async (e) => void audit.push(e) } }),
    themes: async () => THEMES,
    focusAreas: { find: async (slug) => (slug === AREA.slug ? AREA : null) },
    now: () => new Date(Date.UTC(2027, 0, 14, 19, 0, clock++)),
    newId: () => `id-${++ids}`,
  });
  return {
    service,
    versions,
    audit,
    get assignments() {
      return assignments;
    },
  };
}

const items: CodingItem[] = ['i1', 'i2', 'i3', 'i4'].map((id) => ({
  source: 'bijeenkomst',
  id,
  text: `Fixture ${id}`,
  theme_key: 'wonen',
}));
const a = { id: 'u-a', audit: 'gebruiker:u-a A' };
const b = { id: 'u-b', audit: 'gebruiker:u-b B' };

describe('parseCodebookText', () => {
  it('names the line of every problem and saves nothing', () => {
    const result = parseCodebookText(
      'wonen; Schimmel\nsport; Veld\nwonen;\nwonen; schimmel',
      THEMES,
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.includes('Regel 2: thema "sport"'));
    assert.ok(!result.ok && result.error.includes('Regel 3: vul na de puntkomma'));
    assert.ok(!result.ok && result.error.includes('Regel 4: deze subcode staat al op regel 1'));
  });
});

describe('drawSample', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...items[0]!, id: `x${i}` }));
    const one = drawSample(many, 'zaad', 10).map((i) => i.id);
    assert.deepEqual(
      drawSample([...many].reverse(), 'zaad', 10).map((i) => i.id),
      one,
    );
    assert.notDeepEqual(
      drawSample(many, 'ander', 10).map((i) => i.id),
      one,
    );
    assert.equal(new Set(one).size, 10);
  });
});

describe('samplePairs', () => {
  it('pairs the first two different coders of each sample item, skipping single-coded items', () => {
    const row = (item: string, coder: string, code: string, at: string) => ({
      focus_area_slug: 'x',
      source: 'bijeenkomst' as const,
      item_id: item,
      coder,
      code_key: code,
      codebook_version: 1,
      coded_at: at,
    });
    const pairs = samplePairs(
      [
        { source: 'bijeenkomst', item_id: 'i1' },
        { source: 'bijeenkomst', item_id: 'i2' },
      ],
      [row('i1', 'b', 'y', '2'), row('i1', 'a', 'x', '1'), row('i2', 'a', 'x', '1')],
    );
    assert.deepEqual(pairs, [{ first: 'x', second: 'y' }]);
  });
});

describe('CodingService', () => {
  it('saves each codebook change as a new version, audited, and keeps the old one', async () => {
    const f = fake(items);
    assert.deepEqual(
      await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'wonen; Schimmel' }),
      { ok: true },
    );
    await f.service.saveCodebook('GM0505', AREA.slug, a, {
      codes: 'wonen; Schimmel\nveiligheid; Verlichting; Te donker op straat',
      toelichting: 'Verlichting erbij',
    });
    assert.deepEqual(
      f.versions.map((v) => [v.row.version, v.codes.length]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    assert.deepEqual(
      f.audit.map((e) => e.action),
      ['codeboek.nieuwe_versie', 'codeboek.nieuwe_versie'],
    );
    const bad = await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'sport; X' });
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? (bad.errors['codes'] ?? '') : '', /Regel 1/);
    assert.equal(f.versions.length, 2);
    await assert.rejects(f.service.saveCodebook('GM0014', AREA.slug, a, { codes: 'wonen; X' }));
  });

  it('rejects a code outside the codebook, audits a code and its change', async () => {
    const f = fake(items);
    await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'wonen; Schimmel\nwonen; Huur' });
    const wrong = await f.service.assign('GM0505', AREA.slug, a, {
      bron: 'bijeenkomst',
      item: 'i1',
      code: 'wonen-onbekend',
    });
    assert.equal(wrong.ok, false);
    assert.equal(f.assignments.length, 0);
    await assert.rejects(
      f.service.assign('GM0505', AREA.slug, a, {
        bron: 'bijeenkomst',
        item: 'nee',
        code: 'wonen-huur',
      }),
    );
    await f.service.assign('GM0505', AREA.slug, a, {
      bron: 'bijeenkomst',
      item: 'i1',
      code: 'wonen-huur',
    });
    await f.service.assign('GM0505', AREA.slug, a, {
      bron: 'bijeenkomst',
      item: 'i1',
      code: 'wonen-schimmel',
    });
    assert.equal(f.assignments.length, 1);
    assert.deepEqual(
      f.audit.slice(1).map((e) => [e.action, e.before, e.after]),
      [
        ['codering.toegekend', null, { code: 'wonen-huur', codeboekversie: 1 }],
        [
          'codering.gewijzigd',
          { code: 'wonen-huur' },
          { code: 'wonen-schimmel', codeboekversie: 1 },
        ],
      ],
    );
  });

  it('offers sample items to a second coder first and shows kappa once both coded', async () => {
    const f = fake(items);
    await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'wonen; Schimmel\nwonen; Huur' });
    const tooMany = await f.service.drawSample('GM0505', AREA.slug, a, { zaad: 'z', aantal: '9' });
    assert.equal(tooMany.ok, false);
    assert.ok(!tooMany.ok && tooMany.errors['aantal']?.includes('maar 4'));
    await f.service.drawSample('GM0505', AREA.slug, a, { zaad: 'z', aantal: '2' });
    const sampled = drawSample(items, 'z', 2).map((i) => i.id);
    const first = await f.service.screen('GM0505', AREA.slug, a.id);
    assert.ok(first.item && sampled.includes(first.item.id));
    assert.equal(first.inSample, true);
    const codes = ['wonen-schimmel', 'wonen-huur'];
    for (const [n, id] of sampled.entries()) {
      await f.service.assign('GM0505', AREA.slug, a, {
        bron: 'bijeenkomst',
        item: id,
        code: codes[n],
      });
    }
    const forB = await f.service.screen('GM0505', AREA.slug, b.id);
    assert.ok(forB.item && sampled.includes(forB.item.id));
    let summary = await f.service.summary('GM0505', AREA.slug);
    assert.equal(summary.doubleCoded, 0);
    assert.deepEqual(summary.kappa, { absent: 'geen-items' });
    for (const [n, id] of sampled.entries()) {
      await f.service.assign('GM0505', AREA.slug, b, {
        bron: 'bijeenkomst',
        item: id,
        code: codes[n],
      });
    }
    summary = await f.service.summary('GM0505', AREA.slug);
    assert.equal(summary.doubleCoded, 2);
    assert.ok('kappa' in summary.kappa && summary.kappa.kappa === 1);
    // Coder A has coded the sample; the next item is one outside it.
    const next = await f.service.screen('GM0505', AREA.slug, a.id);
    assert.ok(next.item && !sampled.includes(next.item.id));
    assert.equal(next.done, 2);
    assert.equal(f.audit.filter((e) => e.action === 'steekproef.getrokken').length, 1);
  });
});
