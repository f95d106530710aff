import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceAnchor } from '../../shared/evidence.ts';
import { actionLabel, entityLabel } from '../audit/audit-summary.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import type { ProfileRow, ProfileThemeView } from '../monitor/profiles/views/profile-section.tsx';
import type { AuditEntryInput } from '../participation/participation.service.ts';
import { questionnaireSchema } from '../survey/definition/questionnaire.schema.ts';
import { questionResults, type ResultResponse } from '../survey/results/survey-results.ts';
import type { SynthesisInput } from './synthesis.repository.ts';
import {
  SynthesisService,
  gapText,
  type CodeCount,
  type SurveyOutcome,
  type SynthesisStore,
} from './synthesis.service.ts';
import type { SynthesisWeightsRow } from './synthesis.table.ts';

const AREA = {
  slug: 'fixture-west',
  name: 'Fixture West',
  municipalityCode: 'GM0505',
  municipalityName: 'Fixture',
};
const catalogue = loadCatalogue();
const indicator = (key: string) => catalogue.indicators.find((i) => i.key === key)!;

/** A FIXTURE profile row: area against city and NL (made-up figures). */
function row(key: string, own: number, city: number, nl: number): ProfileRow {
  const cell = (v: number) => ({ text: v.toFixed(1).replace('.', ','), value: v });
  return {
    indicator: indicator(key),
    latest: { ...cell(own), period: '2023', flags: [] },
    change: { text: '–' },
    references: {
      rest_gemeente: { text: '–' },
      gemeente: cell(city),
      nederland: cell(nl),
      nplv: { text: '–' },
    },
    target: null,
  };
}

const MONITOR: ProfileThemeView[] = [
  {
    key: 'werk-en-inkomen',
    name: 'Werk en inkomen',
    // Bijstand: lower is better, and higher here: unfavourable. Participation: higher is better
    // and higher here: favourable. So half of the theme's indicators are unfavourable.
    rows: [row('bijstand-per-1000', 60, 30, 25), row('nettoarbeidsparticipatie', 70, 65, 68)],
    notLoaded: [],
  },
  {
    key: 'veiligheid-en-leefbaarheid',
    name: 'Veiligheid',
    rows: [row('misdrijven-per-1000', 80, 60, 50)],
    notLoaded: [],
  },
];

/** A FIXTURE professionals' questionnaire: a theme ranking and one small question. */
const professionalsQ = questionnaireSchema.parse({
  key: 'fixture-professionals',
  version: 1,
  title: { nl: 'FIXTURE professionals' },
  audience: 'professionals',
  focusArea: 'fixture-west',
  languages: ['nl'],
  groups: [
    {
      name: 'alles',
      title: { nl: 'Alles' },
      questions: [
        { name: 'volgorde', type: 'theme_ranking', theme: 'algemeen', text: { nl: 'Volgorde' } },
        {
          name: 'woningen_slecht',
          type: 'single_choice',
          theme: 'wonen',
          text: { nl: 'Zijn de woningen slecht onderhouden?' },
          choices: ['ja', 'nee'].map((v) => ({ value: v, label: { nl: v } })),
        },
      ],
    },
  ],
});

function professionalsOutcome(): SurveyOutcome {
  // 40 FIXTURE answers: wonen first 20×, veiligheid 10×, onderwijs 10×; only 24 answered the
  // housing question (too few for a margin within 15 points).
  const first = [
    ...Array<string>(20).fill('wonen'),
    ...Array<string>(10).fill('veiligheid-en-leefbaarheid'),
    ...Array<string>(10).fill('onderwijs'),
  ];
  const responses: ResultResponse[] = first.map((t, i) => ({
    channel: 'web',
    version: 1,
    submittedAt: '2026-11-01T10:00:00.000Z',
    answers: {
      volgorde: [t],
      ...(i < 24 ? { woningen_slecht: i < 12 ? 'ja' : 'nee' } : {}),
    },
  })) as ResultResponse[];
  const weighting = { status: 'niet gewogen' as const, note: 'niet gewogen', members: [] };
  return {
    key: professionalsQ.key,
    title: 'FIXTURE professionals',
    audience: 'professionals',
    responses: responses.length,
    weighted: false,
    effectiveN: responses.length,
    converged: true,
    tables: questionResults(professionalsQ, responses, weighting),
  };
}

const INPUTS: SynthesisInput[] = [
  input('i1', 'wonen', 'knelpunt', 6, 'FIXTURE: portieken vies'),
  input('i2', 'veiligheid-en-leefbaarheid', 'idee', 3, 'FIXTURE: meer licht'),
  input('i3', 'wonen', 'kans', 1, 'FIXTURE: tuinen delen'),
];
function input(id: string, theme: string, kind: string, votes: number, text: string) {
  return {
    id,
    session_id: 'sessie-1',
    session_title: 'FIXTURE-kennissessie',
    theme_key: theme,
    kind,
    text,
    votes,
  };
}

const CODES: CodeCount[] = [
  {
    code_key: 'wonen-onderhoud',
    label: 'Onderhoud',
    theme_key: 'wonen',
    source: 'bijeenkomst',
    items: 3,
  },
  {
    code_key: 'onderwijs-taal',
    label: 'Taal',
    theme_key: 'onderwijs',
    source: 'bijeenkomst',
    items: 1,
  },
];

function fake(options: { surveys?: SurveyOutcome[]; monitor?: ProfileThemeView[] | null } = {}) {
  let weights: SynthesisWeightsRow | null = null;
  const audit: AuditEntryInput[] = [];
  const repository: SynthesisStore = {
    findWeights: async () => weights,
    saveWeights: async (row) => {
      weights = row;
    },
    listInputs: async () => INPUTS,
  };
  const service = new SynthesisService({
    repository,
    transaction: (work) => work({ repository, audit: { record: async (e) => void audit.push(e) } }),
    focusAreas: { find: async (slug) => (slug === AREA.slug ? AREA : null) },
    monitorThemes: async () => (options.monitor === undefined ? MONITOR : options.monitor),
    surveys: async () => options.surveys ?? [professionalsOutcome()],
    codeCounts: async () => CODES,
    now: () => new Date('2027-01-02T10:00:00Z'),
  });
  return { service, audit, stored: () => weights };
}

const ACTOR = { id: 'u1', name: 'Fixture Bureau', audit: 'gebruiker:u1 Fixture Bureau' };
const WEIGHTS = {
  gewicht_monitor: '20',
  gewicht_bewoners: '20',
  gewicht_professionals: '20',
  gewicht_bijeenkomsten: '20',
  gewicht_codes: '20',
};

describe('the gap text', () => {
  it('has a sign, the decimals and unit, and no sign for zero as shown', () => {
    assert.equal(gapText(6.84, 1, 'per 1.000 inwoners'), '+6,8 per 1.000 inwoners');
    assert.equal(gapText(-2.5, 0, '% van de huishoudens'), '-3% van de huishoudens');
    assert.equal(gapText(0.04, 1, ''), '0,0');
    assert.equal(gapText(1234, 0, 'aantal'), '+1.234');
  });
});

describe('the themakaart service', () => {
  it('puts the monitor beside the city with its direction, using the profile’s comparison', async () => {
    const { service } = fake();
    const page = await service.page('GM0505', AREA.slug, { inputTexts: true });
    assert.deepEqual(
      page.themes.map((t) => t.key),
      ['gezond-leven', 'wonen', 'werk-en-inkomen', 'onderwijs', 'veiligheid-en-leefbaarheid'],
    );
    const work = page.themes.find((t) => t.key === 'werk-en-inkomen')!;
    const bijstand = work.monitor.find((m) => m.ref.id === 'bijstand-per-1000')!;
    assert.equal(bijstand.direction, 'ongunstiger dan de gemeente, ongunstiger dan Nederland.');
    // The gap as the profile writes a change: sign, decimals and unit of the indicator.
    assert.deepEqual(
      bijstand.gaps.map((g) => g.key),
      ['gemeente', 'nederland'],
    );
    assert.match(bijstand.gaps[0]!.text, /^\+30(,0)? per 1\.000 inwoners$/);
    assert.match(bijstand.gaps[1]!.text, /^\+35(,0)? per 1\.000 inwoners$/);
    assert.equal(bijstand.anchor, evidenceAnchor({ kind: 'indicator', id: 'bijstand-per-1000' }));
    assert.equal(bijstand.url, `/werkruimte/GM0505/themakaart/fixture-west#${bijstand.anchor}`);
    assert.equal(bijstand.source, '/gebieden/fixture-west/indicatoren/bijstand-per-1000');
    const participation = work.monitor.find((m) => m.ref.id === 'nettoarbeidsparticipatie')!;
    assert.equal(participation.direction, 'gunstiger dan de gemeente, gunstiger dan Nederland.');
    // Monitor urgency: share of indicators unfavourable against the city.
    assert.equal(work.urgency.monitor, 0.5);
    assert.equal(
      page.themes.find((t) => t.key === 'veiligheid-en-leefbaarheid')!.urgency.monitor,
      1,
    );
    // No comparable indicator: no monitor figure for that theme (not a zero).
    assert.equal(page.themes.find((t) => t.key === 'onderwijs')!.urgency.monitor, null);
  });

  it('shows survey results with their margin and says when one is too uncertain', async () => {
    const { service } = fake();
    const page = await service.page('GM0505', AREA.slug, { inputTexts: true });
    const wonen = page.themes.find((t) => t.key === 'wonen')!;
    const item = wonen.professionals.find(
      (p) => p.ref.id === 'fixture-professionals:woningen_slecht',
    )!;
    assert.match(item.value, /^ja: 50% \(\d+% tot \d+%\); nee: 50%/);
    assert.match(item.value, /24 antwoorden, ongewogen/);
    assert.match(
      item.warning ?? '',
      /te onzeker.*effectieve aantal antwoorden is 24, minder dan 30/,
    );
    assert.equal(item.ref.kind, 'professionals');
    assert.equal(
      item.source,
      '/werkruimte/GM0505/enquetes/fixture-professionals/resultaten#thema-wonen',
    );
    // Professionals' urgency: share of first places in the theme ranking.
    const near = (a: number | null | undefined, b: number) =>
      assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
    near(wonen.urgency.professionals, 0.5);
    near(page.themes.find((t) => t.key === 'onderwijs')!.urgency.professionals, 0.25);
    near(page.themes.find((t) => t.key === 'gezond-leven')!.urgency.professionals, 0);
    // No resident survey: said, and left out of the score.
    assert.equal(page.sources.bewoners.missing, 'nog geen gegevens');
    assert.ok(page.ranking.leftOut.includes('bewoners'));
    assert.equal(page.ranking.used.monitor, 0.25);
  });

  it('counts session inputs and votes, and hides input texts from readers without the right', async () => {
    const { service } = fake();
    const withTexts = await service.page('GM0505', AREA.slug, { inputTexts: true });
    const wonen = withTexts.themes.find((t) => t.key === 'wonen')!;
    assert.equal(wonen.sessions.inputs, 2);
    assert.equal(wonen.sessions.votes, 7);
    assert.deepEqual(
      wonen.sessions.perKind.map((k) => [k.kind, k.count]),
      [
        ['knelpunt', 1],
        ['kans', 1],
        ['idee', 0],
        ['vraag', 0],
      ],
    );
    assert.equal(wonen.sessions.top[0]!.text, 'FIXTURE: portieken vies');
    assert.equal(wonen.sessions.top[0]!.source, '/werkruimte/GM0505/bijeenkomsten/sessie-1');
    // Sessions' urgency: 7 of 10 votes.
    assert.equal(wonen.urgency.bijeenkomsten, 0.7);
    // Coded: 3 of 4 coded mentions.
    assert.equal(wonen.urgency.codes, 0.75);
    assert.equal(wonen.codes[0]!.anchor, evidenceAnchor({ kind: 'code', id: 'wonen-onderhoud' }));

    const without = await service.page('GM0505', AREA.slug, { inputTexts: false });
    const all = JSON.stringify(without);
    assert.doesNotMatch(all, /portieken vies|meer licht|tuinen delen/);
    const evidence = JSON.stringify(await service.evidence('GM0505', AREA.slug));
    assert.doesNotMatch(evidence, /portieken vies/);
  });

  it('ranks the themes by the weighted score; housing leads on this example', async () => {
    const { service } = fake();
    const page = await service.page('GM0505', AREA.slug, { inputTexts: false });
    // wonen: monitor none, professionals .5, sessions .7, codes .75 → (.5 + .7 + .75) / 3 = .65.
    const wonen = page.ranking.themes.find((t) => t.theme === 'wonen')!;
    assert.ok(Math.abs(wonen.score! - 0.65) < 1e-12, String(wonen.score));
    assert.equal(page.ranking.themes[0]!.theme, 'wonen');
    assert.equal(wonen.rank, 1);
  });

  it('says so when no source has data, without inventing a ranking', async () => {
    const empty = new SynthesisService({
      repository: {
        findWeights: async () => null,
        saveWeights: async () => undefined,
        listInputs: async () => [],
      },
      transaction: () => Promise.reject(new Error('not used')),
      focusAreas: { find: async () => AREA },
      monitorThemes: async () => null,
      surveys: async () => [],
      codeCounts: async () => [],
      now: () => new Date(),
    });
    const page = await empty.page('GM0505', AREA.slug, { inputTexts: true });
    assert.deepEqual(page.ranking.leftOut, [
      'monitor',
      'bewoners',
      'professionals',
      'bijeenkomsten',
      'codes',
    ]);
    assert.ok(page.ranking.themes.every((t) => t.score === null && t.rank === null));
  });

  it('saves weights (audited) and refuses bad ones naming the field, changing nothing', async () => {
    const { service, audit, stored } = fake();
    for (const [field, value, message] of [
      [
        'gewicht_monitor',
        '101',
        /Gewicht Monitor \(cijfers\): vul een heel getal van 0 tot en met 100 in\./,
      ],
      ['gewicht_codes', 'veel', /Gewicht Gecodeerde open antwoorden: vul een heel getal/],
      ['gewicht_bewoners', '-1', /Gewicht Bewonersenquête: vul een heel getal/],
    ] as const) {
      const result = await service.saveWeights('GM0505', AREA.slug, ACTOR, {
        ...WEIGHTS,
        [field]: value,
      });
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.match(result.errors[field] ?? '', message);
        assert.equal(result.values[field], value);
      }
    }
    const zero = await service.saveWeights('GM0505', AREA.slug, ACTOR, {
      gewicht_monitor: '0',
      gewicht_bewoners: '0',
      gewicht_professionals: '0',
      gewicht_bijeenkomsten: '0',
      gewicht_codes: '0',
    });
    assert.equal(zero.ok, false);
    assert.equal(stored(), null);
    assert.equal(audit.length, 0);

    const ok = await service.saveWeights('GM0505', AREA.slug, ACTOR, {
      ...WEIGHTS,
      gewicht_monitor: '60',
    });
    assert.deepEqual(ok, { ok: true });
    assert.equal(stored()?.weight_monitor, 60);
    assert.equal(stored()?.updated_by, 'Fixture Bureau');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'themakaart.gewichten_gewijzigd');
    // The audit page shows a Dutch label and the thing it is about, not the keys.
    assert.equal(actionLabel(audit[0]!.action), 'Gewichten van de themakaart veranderd');
    assert.equal(
      entityLabel(audit[0]!.entity, audit[0]!.entityId, audit[0]!.before, audit[0]!.after),
      'Themakaart fixture-west',
    );
    assert.deepEqual((audit[0]!.after as Record<string, number>)['Monitor (cijfers)'], 60);
    const page = await service.page('GM0505', AREA.slug, { inputTexts: false });
    assert.equal(page.weights.monitor, 60);
    assert.equal(page.weightsChanged?.by, 'Fixture Bureau');
    // Monitor 60 of 120 present weight (bewoners has no data): it counts for half.
    assert.equal(page.ranking.used.monitor, 0.5);
  });

  it('refuses an area of another municipality', async () => {
    const { service } = fake();
    await assert.rejects(service.page('GM0014', AREA.slug, { inputTexts: true }), /bestaat niet/);
    await assert.rejects(service.saveWeights('GM0014', AREA.slug, ACTOR, WEIGHTS), /bestaat niet/);
  });

  it('gives other features the evidence per theme, each with its anchor on the card', async () => {
    const { service } = fake();
    const evidence = await service.evidence('GM0505', AREA.slug);
    const wonen = evidence.find((e) => e.theme === 'wonen')!;
    const refs = wonen.items.map((i) => i.refText);
    assert.ok(refs.includes('professionals:fixture-professionals:woningen_slecht'), refs.join());
    assert.ok(refs.includes('input:i1'));
    assert.ok(refs.includes('code:wonen-onderhoud'));
    for (const item of wonen.items) {
      assert.equal(
        item.url,
        `/werkruimte/GM0505/themakaart/fixture-west#${evidenceAnchor(item.ref)}`,
      );
      assert.ok(item.value.length > 0, item.refText);
    }
  });
});
