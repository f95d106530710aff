import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter } from '../participation/index.ts';

type AuditEntryInput = Parameters<AuditWriter['record']>[0];
import { NOTHING_DECIDED, type DecidedContours } from './decided-contours.ts';
import { FeedbackService, textHash, type FeedbackStore } from './feedback.service.ts';
import type { FeedbackQuoteReview } from './feedback.table.ts';

const AREA = {
  slug: 'fixture-west',
  name: 'Fixture West',
  municipalityCode: 'GM0505',
  municipalityName: 'Fixture',
};
const THEMES = [
  { key: 'gezond-leven', name: 'Gezond leven' },
  { key: 'wonen', name: 'Wonen' },
  { key: 'onderwijs', name: 'Onderwijs' },
];

function fake(options: {
  counts?: { source: string; theme_key: string; items: number }[];
  candidates?: { source: string; id: string; text: string; theme_key: string }[];
  decided?: DecidedContours;
}) {
  const reviews: FeedbackQuoteReview[] = [];
  const audit: AuditEntryInput[] = [];
  const candidates = options.candidates ?? [];
  const repository: FeedbackStore = {
    listReviews: async (slug) => reviews.filter((r) => r.focus_area_slug === slug),
    findReview: async (source, id) =>
      reviews.find((r) => r.source === source && r.item_id === id) ?? null,
    saveReview: async (row) => {
      const at = reviews.findIndex((r) => r.source === row.source && r.item_id === row.item_id);
      if (at >= 0) reviews.splice(at, 1);
      reviews.push(row);
    },
  };
  const service = new FeedbackService({
    repository,
    transaction: (work) => work({ repository, audit: { record: async (e) => void audit.push(e) } }),
    coded: {
      themeCounts: async () => options.counts ?? [],
      quoteCandidates: async () => candidates,
    },
    decided: options.decided ?? NOTHING_DECIDED,
    upcoming: async () => [],
    themes: async () => THEMES,
    focusAreas: { find: async (slug) => (slug === AREA.slug ? AREA : null) },
    now: () => new Date('2027-02-01T10:00:00.000Z'),
  });
  return { service, reviews, audit, candidates };
}

const bureau = { id: 'u-bureau', audit: 'gebruiker:u-bureau Bureau' };

describe('FeedbackService.page', () => {
  it('adds up coded items per theme and source, most first, and leaves out themes nobody named', async () => {
    const { service } = fake({
      counts: [
        { source: 'enquete', theme_key: 'wonen', items: 2 },
        { source: 'bijeenkomst', theme_key: 'wonen', items: 1 },
        { source: 'professionals', theme_key: 'onderwijs', items: 4 },
        { source: 'enquete', theme_key: 'onbekend', items: 9 },
      ],
    });
    const page = await service.page(AREA.slug);
    assert.deepEqual(
      page.themes.map((t) => [t.key, t.counts, t.total]),
      [
        ['onderwijs', { enquete: 0, professionals: 4, bijeenkomst: 0 }, 4],
        ['wonen', { enquete: 2, professionals: 0, bijeenkomst: 1 }, 3],
      ],
    );
    assert.equal(page.decided, null);
    await assert.rejects(service.page('bestaat-niet'), NotFoundError);
  });

  it('shows a quote only once approved, and no longer when its text changed', async () => {
    const f = fake({
      candidates: [
        { source: 'enquete', id: 'e1', text: 'Fixture: meer bankjes', theme_key: 'algemeen' },
        { source: 'bijeenkomst', id: 'i1', text: 'Fixture: donkere steeg', theme_key: 'wonen' },
      ],
    });
    assert.deepEqual((await f.service.page(AREA.slug)).quotes, []);
    await f.service.review('GM0505', AREA.slug, bureau, {
      bron: 'enquete',
      item: 'e1',
      besluit: 'goedgekeurd',
    });
    await f.service.review('GM0505', AREA.slug, bureau, {
      bron: 'bijeenkomst',
      item: 'i1',
      besluit: 'afgewezen',
    });
    assert.deepEqual((await f.service.page(AREA.slug)).quotes, [
      { source: 'enquete', text: 'Fixture: meer bankjes' },
    ]);
    f.candidates[0]!.text = 'Fixture: meer bankjes bij Jan op nummer 3';
    assert.deepEqual((await f.service.page(AREA.slug)).quotes, []);
    const review = await f.service.reviewPage('GM0505', AREA.slug);
    assert.deepEqual(
      review.candidates.map((c) => [c.id, c.decision, c.changed]),
      [
        ['e1', 'goedgekeurd', true],
        ['i1', 'afgewezen', false],
      ],
    );
  });

  it('shows what was decided through the port', async () => {
    const decided = {
      themes: [{ name: 'Wonen', ambition: 'Betere woningen' }],
      decidedOn: '2027-03-12',
      reference: 'Fixture-besluit 4',
    };
    const asked: string[] = [];
    const { service } = fake({
      decided: {
        decided: async (id) => {
          asked.push(id);
          return decided;
        },
      },
    });
    assert.deepEqual((await service.page(AREA.slug)).decided, decided);
    assert.deepEqual(asked, [AREA.slug]);
  });
});

describe('FeedbackService.review', () => {
  it('audits approval and its change, without the text, and stores the hash of the text', async () => {
    const f = fake({
      candidates: [{ source: 'enquete', id: 'e1', text: 'Fixture: geheim', theme_key: 'x' }],
    });
    await f.service.review('GM0505', AREA.slug, bureau, {
      bron: 'enquete',
      item: 'e1',
      besluit: 'goedgekeurd',
    });
    await f.service.review('GM0505', AREA.slug, bureau, {
      bron: 'enquete',
      item: 'e1',
      besluit: 'afgewezen',
    });
    assert.deepEqual(
      f.audit.map((e) => [e.action, e.entityId, e.before]),
      [
        ['citaat.goedgekeurd', 'enquete:e1', null],
        ['citaat.afgewezen', 'enquete:e1', { besluit: 'goedgekeurd' }],
      ],
    );
    assert.doesNotMatch(JSON.stringify(f.audit), /geheim/);
    assert.equal(f.reviews[0]?.text_hash, textHash('Fixture: geheim'));
  });

  it('refuses an item the source did not allow, a wrong decision and another municipality', async () => {
    const f = fake({
      candidates: [{ source: 'enquete', id: 'e1', text: 'Fixture', theme_key: 'x' }],
    });
    await assert.rejects(
      f.service.review('GM0505', AREA.slug, bureau, {
        bron: 'enquete',
        item: 'zonder-toestemming',
        besluit: 'goedgekeurd',
      }),
      NotFoundError,
    );
    const wrong = await f.service.review('GM0505', AREA.slug, bureau, {
      bron: 'enquete',
      item: 'e1',
      besluit: 'misschien',
    });
    assert.equal(wrong.ok, false);
    await assert.rejects(
      f.service.review('GM0014', AREA.slug, bureau, {
        bron: 'enquete',
        item: 'e1',
        besluit: 'goedgekeurd',
      }),
      NotFoundError,
    );
    assert.equal(f.reviews.length, 0);
    assert.equal(f.audit.length, 0);
  });
});
