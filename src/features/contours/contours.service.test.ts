import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACTION_LABELS } from '../audit/audit-summary.ts';
import type { AuditEntryInput } from '../participation/participation.service.ts';
import { readContent } from './contours.content.ts';
import type { EvidenceInput } from './contours.repository.ts';
import { ContoursService, themeCardHref, type ContoursStore } from './contours.service.ts';
import type { ContourVersionRow } from './contours.table.ts';
import { when } from './views/parts.tsx';

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
const BUREAU = { id: 'u1', name: 'Bea Bureau', audit: 'gebruiker:u1 Bea Bureau' };

function fake(inputs: EvidenceInput[] = []) {
  const rows: ContourVersionRow[] = [];
  const audit: AuditEntryInput[] = [];
  const latest = () => [...rows].sort((a, b) => b.version - a.version)[0] ?? null;
  const repository: ContoursStore = {
    listVersions: async () => [...rows].sort((a, b) => b.version - a.version),
    findVersion: async (_slug, n) =>
      n === undefined ? latest() : (rows.find((r) => r.version === n) ?? null),
    findLatestWithStatus: async (_slug, status) =>
      [...rows].filter((r) => r.status === status).sort((a, b) => b.version - a.version)[0] ?? null,
    insertVersion: async (row) => {
      if (rows.some((r) => r.version === row.version)) return false;
      rows.push({ ...row });
      return true;
    },
    changeStatus: async (id, from, patch) => {
      const row = rows.find((r) => r.id === id && r.status === from);
      if (!row) return false;
      Object.assign(row, patch);
      return true;
    },
    listEvidenceInputs: async () => inputs,
  };
  let ids = 0;
  let clock = Date.parse('2026-12-04T10:00:00Z');
  const service = new ContoursService({
    repository,
    transaction: (work) => work({ repository, audit: { record: async (e) => void audit.push(e) } }),
    themes: async () => THEMES,
    focusAreas: { find: async (slug) => (slug === AREA.slug ? AREA : null) },
    indicators: async () => [
      { key: 'woz', name: 'WOZ-waarde', theme: 'wonen' },
      { key: 'overlast', name: 'Ervaren overlast', theme: 'veiligheid' },
    ],
    surveyQuestions: () => [
      {
        surveyKey: 'bewoners',
        audience: 'bewoners',
        surveyTitle: 'Bewonersenquête',
        name: 'q_woning',
        text: 'Hoe tevreden bent u met uw woning?',
        themeKey: 'wonen',
      },
      {
        surveyKey: 'prof',
        audience: 'professionals',
        surveyTitle: 'Professionals',
        name: 'p1',
        text: 'Wat ziet u in de wijk?',
        themeKey: 'wonen',
      },
    ],
    codes: async () => [{ code_key: 'wonen-schimmel', theme_key: 'wonen', label: 'Schimmel' }],
    targets: async () => ['woz'],
    decisions: async () => [
      { id: 'd1', number: '2026-03', decided_on: '2026-12-10', title: 'Contouren vastgesteld' },
    ],
    now: () => new Date((clock += 60_000)),
    newId: () => `id-${++ids}`,
  });
  return { service, rows, audit, repository };
}

const wonen = (versie: number, extra: Record<string, string> = {}) => ({
  versie: String(versie),
  titel: 'Goed wonen',
  ambitie: 'Iedereen woont veilig en gezond.',
  'doel-1': 'Minder vocht en schimmel',
  'doel-1-indicator': 'woz',
  'actie-1': 'Woningschouw in Wielwijk',
  ...extra,
});

describe('ContoursService: versions', () => {
  it('makes a new version on every save and keeps the old ones unchanged', async () => {
    const { service, rows, audit } = fake();
    const first = await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    assert.deepEqual(first, { ok: true, version: 1 });
    const second = await service.saveTheme(
      'GM0505',
      AREA.slug,
      'wonen',
      BUREAU,
      wonen(1, { titel: 'Gezond wonen' }),
    );
    assert.deepEqual(second, { ok: true, version: 2 });
    assert.equal(rows.length, 2);
    assert.equal(readContent(rows[0]!.content).themes[0]!.title, 'Goed wonen');
    assert.equal(readContent(rows[1]!.content).themes[0]!.title, 'Gezond wonen');
    assert.equal(rows[1]!.created_by_name, 'Bea Bureau');
    assert.deepEqual(
      audit.map((a) => a.action),
      ['contouren.nieuwe_versie', 'contouren.nieuwe_versie'],
    );
    const history = await service.history('GM0505', AREA.slug);
    assert.deepEqual(
      history.versions.map((v) => v.version),
      [2, 1],
    );
  });

  it('refuses a form filled in on an older version, and saves nothing', async () => {
    const { service, rows } = fake();
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    const stale = await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    assert.equal(stale.ok, false);
    assert.match(!stale.ok ? (stale.errors['versie'] ?? '') : '', /intussen is versie 1/);
    assert.equal(rows.length, 1);
  });

  it('names the field of each problem and saves nothing', async () => {
    const { service, rows } = fake();
    const result = await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, {
      versie: '0',
      titel: '',
      ambitie: 'Iets',
      'doel-2': 'x',
      'doel-2-indicator': 'bestaat-niet',
    });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.errors['titel'] ?? '', /^Titel:/);
      assert.match(result.errors['doel-2-indicator'] ?? '', /^Doel 2:/);
    }
    assert.equal(rows.length, 0);
  });

  it('keeps evidence with its goal when the theme is edited, and drops it with an emptied goal', async () => {
    const { service, rows } = fake();
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, {
      ...wonen(0),
      'doel-2': 'Meer sociale huur',
    });
    await service.saveEvidence('GM0505', AREA.slug, 'wonen', { part: 'doel', index: 1 }, BUREAU, {
      versie: '1',
      bewijs: ['indicator:woz', 'input:i1'],
    });
    // i1 is not an input of this area: refused, nothing saved.
    assert.equal(rows.length, 1);
    const ok = await service.saveEvidence(
      'GM0505',
      AREA.slug,
      'wonen',
      { part: 'doel', index: 1 },
      BUREAU,
      { versie: '1', bewijs: ['indicator:woz', 'code:wonen-schimmel'] },
    );
    assert.deepEqual(ok, { ok: true, version: 2 });
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, {
      ...wonen(2, { 'doel-1': '', 'doel-1-indicator': '' }),
      'doel-2': 'Meer sociale huur',
    });
    const goals = readContent(rows[2]!.content).themes[0]!.goals;
    assert.deepEqual(
      goals.map((g) => [g.text, g.evidence]),
      [['Meer sociale huur', ['indicator:woz', 'code:wonen-schimmel']]],
    );
  });

  it('takes a main theme out when every field is left empty', async () => {
    const { service, rows } = fake();
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, { versie: '1' });
    assert.deepEqual(readContent(rows[1]!.content).themes, []);
  });
});

describe('ContoursService: status and freezing', () => {
  async function submitted() {
    const f = fake();
    await f.service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    await f.service.submit('GM0505', AREA.slug, BUREAU, { versie: '1' });
    return f;
  }

  it('moves concept → voorgelegd → vastgesteld with a date and reference', async () => {
    const { service, rows, audit } = await submitted();
    assert.equal(rows[0]!.status, 'voorgelegd');
    const result = await service.decide('GM0505', AREA.slug, BUREAU, {
      versie: '1',
      datum: '2026-12-10',
      kenmerk: 'Alliantie 10 december, punt 4',
    });
    assert.deepEqual(result, { ok: true, version: 1 });
    assert.equal(rows[0]!.status, 'vastgesteld');
    assert.equal(rows[0]!.decided_on, '2026-12-10');
    assert.equal(rows[0]!.decision_reference, 'Alliantie 10 december, punt 4');
    assert.deepEqual(
      audit.map((a) => a.action),
      ['contouren.nieuwe_versie', 'contouren.voorgelegd', 'contouren.vastgesteld'],
    );
  });

  it('takes date and reference from a decision of the Alliance', async () => {
    const { service, rows } = await submitted();
    await service.decide('GM0505', AREA.slug, BUREAU, { versie: '1', besluit: 'd1' });
    assert.equal(rows[0]!.decided_on, '2026-12-10');
    assert.equal(rows[0]!.decision_reference, 'Besluit 2026-03: Contouren vastgesteld');
    assert.equal(rows[0]!.decision_id, 'd1');
  });

  it('refuses to set without a valid date or a reference, naming the field', async () => {
    const { service, rows } = await submitted();
    const result = await service.decide('GM0505', AREA.slug, BUREAU, {
      versie: '1',
      datum: '2026-02-30',
      kenmerk: '',
    });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.errors['datum'] ?? '', /^Datum van het besluit/);
      assert.match(result.errors['kenmerk'] ?? '', /^Kenmerk van het besluit/);
    }
    assert.equal(rows[0]!.status, 'voorgelegd');
  });

  it('refuses to skip a step: a concept cannot be set, a proposal cannot be submitted twice', async () => {
    const { service } = fake();
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(0));
    await assert.rejects(
      service.decide('GM0505', AREA.slug, BUREAU, {
        versie: '1',
        datum: '2026-12-10',
        kenmerk: 'x',
      }),
      /nog een concept/,
    );
    await service.submit('GM0505', AREA.slug, BUREAU, { versie: '1' });
    await assert.rejects(
      service.submit('GM0505', AREA.slug, BUREAU, { versie: '1' }),
      /al voorgelegd/,
    );
  });

  it('a save or a new concept that loses the race to another one is a conflict, not an error', async () => {
    const { service, rows, audit, repository } = await submitted();
    // Another request stores the next version right after this one read the latest.
    const read = repository.findVersion;
    const racing = (competitor: number) => {
      repository.findVersion = async (slug, n) => {
        const found = await read(slug, n);
        repository.findVersion = read;
        rows.push({
          ...rows[0]!,
          id: `other-${competitor}`,
          version: competitor,
          status: 'concept',
        });
        return found;
      };
    };
    racing(2);
    const lost = await service.saveEvidence(
      'GM0505',
      AREA.slug,
      'wonen',
      { part: 'ambitie' },
      BUREAU,
      { versie: '1', bewijs: 'indicator:woz' },
    );
    assert.equal(lost.ok, false);
    assert.equal(!lost.ok && lost.conflict, true);
    assert.match(!lost.ok ? (lost.errors['versie'] ?? '') : '', /intussen is versie 2 opgeslagen/);
    rows.pop();
    await service.decide('GM0505', AREA.slug, BUREAU, { versie: '1', besluit: 'd1' });
    const audited = audit.length;
    racing(2);
    await assert.rejects(
      service.newConcept('GM0505', AREA.slug, BUREAU, { versie: '1' }),
      (e: Error & { code?: string }) =>
        e.code === 'CONFLICT' && /al een nieuw concept begonnen/.test(e.message),
    );
    assert.equal(audit.length, audited, 'a lost race is not audited');
    assert.deepEqual(rows.map((r) => r.id).sort(), ['id-1', 'other-2']);
  });

  it('writes every change to the audit log under a Dutch label', async () => {
    const { service, audit } = await submitted();
    await service.saveEvidence('GM0505', AREA.slug, 'wonen', { part: 'ambitie' }, BUREAU, {
      versie: '1',
      bewijs: 'indicator:woz',
    });
    await service.submit('GM0505', AREA.slug, BUREAU, { versie: '2' });
    await service.decide('GM0505', AREA.slug, BUREAU, { versie: '2', besluit: 'd1' });
    await service.newConcept('GM0505', AREA.slug, BUREAU, { versie: '2' });
    const actions = [...new Set(audit.map((a) => a.action))];
    assert.equal(actions.length, 5, actions.join(' '));
    for (const action of actions) assert.ok(ACTION_LABELS[action], `no Dutch label for ${action}`);
    assert.ok(
      audit.every((a) => a.entity === 'contourvoorstel' && a.municipalityCode === 'GM0505'),
    );
  });

  it('freezes a set version: no theme, no evidence, no second decision; a new concept starts from it', async () => {
    const { service, rows, audit } = await submitted();
    await service.decide('GM0505', AREA.slug, BUREAU, {
      versie: '1',
      datum: '2026-12-10',
      kenmerk: 'B-1',
    });
    const frozen = rows[0]!.content;
    await assert.rejects(
      service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(1, { titel: 'Anders' })),
      (e: Error & { code?: string }) => e.code === 'CONFLICT' && /vastgesteld/.test(e.message),
    );
    await assert.rejects(
      service.saveEvidence('GM0505', AREA.slug, 'wonen', { part: 'ambitie' }, BUREAU, {
        versie: '1',
        bewijs: 'indicator:woz',
      }),
      /vastgesteld/,
    );
    await assert.rejects(
      service.decide('GM0505', AREA.slug, BUREAU, {
        versie: '1',
        datum: '2026-12-11',
        kenmerk: 'B-2',
      }),
      /al vastgesteld/,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.content, frozen);
    assert.equal(rows[0]!.decision_reference, 'B-1');

    const next = await service.newConcept('GM0505', AREA.slug, BUREAU, { versie: '1' });
    assert.equal(next, 2);
    assert.equal(audit.at(-1)?.action, 'contouren.nieuw_concept');
    assert.equal(rows[1]!.status, 'concept');
    assert.equal(rows[1]!.based_on, 1);
    assert.equal(rows[1]!.content, frozen);
    // The new concept can be changed; the set version stays as it was.
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(2, { titel: 'Anders' }));
    assert.equal(rows[0]!.content, frozen);
    assert.equal(rows[0]!.status, 'vastgesteld');
  });

  it('decided() gives the last set version, not a later concept', async () => {
    const { service } = await submitted();
    assert.equal(await service.decided(AREA.slug), null);
    await service.decide('GM0505', AREA.slug, BUREAU, {
      versie: '1',
      datum: '2026-12-10',
      kenmerk: 'B-1',
    });
    await service.newConcept('GM0505', AREA.slug, BUREAU, { versie: '1' });
    await service.saveTheme('GM0505', AREA.slug, 'wonen', BUREAU, wonen(2, { titel: 'Later' }));
    assert.deepEqual(await service.decided(AREA.slug), {
      focusAreaSlug: AREA.slug,
      version: 1,
      decidedOn: '2026-12-10',
      decisionReference: 'B-1',
      themes: [
        {
          themeKey: 'wonen',
          themeName: 'Wonen',
          title: 'Goed wonen',
          ambition: 'Iedereen woont veilig en gezond.',
        },
      ],
    });
  });
});

describe('ContoursService: evidence', () => {
  const inputs: EvidenceInput[] = [
    {
      id: 'in-1',
      theme_key: 'wonen',
      kind: 'knelpunt',
      text: 'Schimmel in de slaapkamer van mijn buurvrouw',
      votes: 4,
      quotable: false,
      session_title: 'Kennissessie wonen',
    },
    {
      id: 'in-2',
      theme_key: 'wonen',
      kind: 'idee',
      text: 'Samen de portiek opknappen',
      votes: 1,
      quotable: true,
      session_title: 'Kennissessie wonen',
    },
  ];

  it('offers every source of the theme, and labels an input without its text unless it may be quoted', async () => {
    const { service } = fake(inputs);
    const wonen = (await service.candidates(AREA.slug)).filter((c) => c.themeKey === 'wonen');
    assert.deepEqual(
      wonen.map((c) => c.ref),
      [
        'indicator:woz',
        'survey:bewoners:q_woning',
        'professionals:prof:p1',
        'input:in-1',
        'input:in-2',
        'code:wonen-schimmel',
      ],
    );
    const resolved = await service.resolve('GM0505', AREA.slug, [
      'input:in-1',
      'input:in-2',
      'input:weg',
    ]);
    assert.equal(
      resolved.get('input:in-1')!.label,
      'Knelpunt uit "Kennissessie wonen" (4 stippen)',
    );
    assert.match(resolved.get('input:in-2')!.label, /"Samen de portiek opknappen"/);
    assert.equal(
      resolved.get('input:in-1')!.href,
      '/werkruimte/GM0505/themakaart/fixture-west#bewijs-input-in-1',
    );
    assert.equal(resolved.get('input:weg')!.found, false);
    assert.equal(resolved.get('input:weg')!.href, null);
  });

  it('links to the theme card anchor of the shared evidence reference', () => {
    assert.equal(
      themeCardHref('GM0505', 'dordt-west', 'survey:bewoners:q_woning'),
      '/werkruimte/GM0505/themakaart/dordt-west#bewijs-survey-bewoners-q_woning',
    );
  });

  it('refuses an area of another municipality', async () => {
    const { service } = fake();
    await assert.rejects(service.view('GM0014', AREA.slug), /bestaat niet/);
  });
});

describe('contours views', () => {
  it('show moments in Dutch time, summer and winter', () => {
    assert.equal(when('2026-12-04T20:15:00.000Z'), '4 december 2026 om 21:15');
    assert.equal(when('2026-07-01T20:15:00.000Z'), '1 juli 2026 om 22:15');
    assert.equal(when(null), '');
  });
});
