import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntryInput } from '../participation/participation.service.ts';
import type { Codebook, CodingItem, NewCode, OpenAnswerRow } from './coding.repository.ts';
import {
  CodingService,
  drawSample,
  openAnswerId,
  type OpenQuestionnaire,
  parseCodebookText,
  samplePairs,
  type CodingStore,
} from './coding.service.ts';
import type {
  CodebookVersion,
  CodingAssignment,
  CodingSample,
  CodingSource,
} from './coding.table.ts';

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

function fake(
  items: CodingItem[],
  open: { rows: OpenAnswerRow[]; questionnaires: OpenQuestionnaire[] } = {
    rows: [],
    questionnaires: [],
  },
) {
  const versions: { row: CodebookVersion; codes: NewCode[] }[] = [];
  let assignments: CodingAssignment[] = [];
  const samples: { sample: CodingSample; items: { source: CodingSource; item_id: string }[] }[] =
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
    listOpenAnswers: async (keys, variables) =>
      open.rows.filter((r) => keys.includes(r.questionnaire_key) && variables.includes(r.variable)),
    countPerTheme: async () => [],
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
      samples.push({ sample, items: [...sampleItems] });
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
    openQuestionnaires: (slug) => (slug === AREA.slug ? open.questionnaires : []),
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

describe('CodingService with open survey answers', () => {
  const answer = (
    response: string,
    key: string,
    variable: string,
    text: string,
    status = 'ingediend',
  ): OpenAnswerRow => ({
    response_id: response,
    questionnaire_key: key,
    source: 'uitnodiging',
    status,
    variable,
    value_text: text,
  });
  const open = {
    rows: [
      answer('resp-1', 'bewoners', 'eerst_verbeteren', 'Fixture: meer bankjes'),
      answer('resp-1', 'bewoners', 'mag_citeren', 'ja'),
      answer('resp-2', 'bewoners', 'eerst_verbeteren', 'Fixture: niet geteld', 'te_controleren'),
      answer('resp-3', 'bewoners', 'eerst_verbeteren', 'Fixture: zonder toestemming'),
      answer('resp-4', 'prof', 'knelpunt', 'Fixture: wachtlijsten'),
    ],
    questionnaires: [
      {
        key: 'bewoners',
        audience: 'bewoners' as const,
        questions: [{ variable: 'eerst_verbeteren', theme: 'algemeen' }],
        quoteConsent: 'mag_citeren',
        counts: (r: { status: string }) => r.status === 'ingediend',
      },
      {
        key: 'prof',
        audience: 'professionals' as const,
        questions: [{ variable: 'knelpunt', theme: 'algemeen' }],
        counts: () => true,
      },
    ],
  };

  it('codes open answers of both surveys next to session inputs, without response ids', async () => {
    const f = fake(items.slice(0, 1), open);
    await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'wonen; Schimmel\nwonen; Huur' });
    const screen = await f.service.screen('GM0505', AREA.slug, a.id);
    // One session input, two counted resident answers and one professional's answer; the
    // response awaiting review does not count and the consent answer is not an item.
    assert.equal(screen.total, 4);
    const seen: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const s = await f.service.screen('GM0505', AREA.slug, a.id);
      assert.ok(s.item);
      seen.push(`${s.item.source}:${s.item.text}`);
      assert.doesNotMatch(s.item.id, /resp-/);
      await f.service.assign('GM0505', AREA.slug, a, {
        bron: s.item.source,
        item: s.item.id,
        code: 'wonen-huur',
      });
    }
    assert.deepEqual(seen.sort(), [
      'bijeenkomst:Fixture i1',
      'enquete:Fixture: meer bankjes',
      'enquete:Fixture: zonder toestemming',
      'professionals:Fixture: wachtlijsten',
    ]);
    assert.equal((await f.service.screen('GM0505', AREA.slug, a.id)).item, null);
    const audited = f.audit.filter((e) => e.entity === 'codering').map((e) => e.entityId);
    assert.ok(audited.includes(`enquete:${openAnswerId('resp-1', 'eerst_verbeteren')}`));
    assert.ok(audited.every((id) => !id.includes('resp-')));
    // An answer that does not count cannot be coded by posting its id either.
    await assert.rejects(
      f.service.assign('GM0505', AREA.slug, b, {
        bron: 'enquete',
        item: openAnswerId('resp-2', 'eerst_verbeteren'),
        code: 'wonen-huur',
      }),
    );
  });

  it('draws the agreement sample over open answers too', async () => {
    const f = fake([], open);
    await f.service.saveCodebook('GM0505', AREA.slug, a, { codes: 'wonen; Schimmel\nwonen; Huur' });
    assert.deepEqual(
      await f.service.drawSample('GM0505', AREA.slug, a, { zaad: 'z', aantal: '3' }),
      {
        ok: true,
      },
    );
    const s = await f.service.screen('GM0505', AREA.slug, b.id);
    assert.equal(s.inSample, true);
    assert.ok(s.item && s.item.source !== 'bijeenkomst');
  });

  it('offers as quotes only answers whose respondent said yes, and session inputs that allow it', async () => {
    const f = fake(
      [
        { ...items[0]!, quotable: true },
        { ...items[1]!, quotable: false },
      ],
      open,
    );
    const quotes = await f.service.quoteCandidates(AREA.slug);
    assert.deepEqual(
      quotes.map((q) => q.text),
      ['Fixture i1', 'Fixture: meer bankjes'],
    );
  });
});
