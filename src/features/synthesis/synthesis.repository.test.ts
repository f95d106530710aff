import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { ParticipationRepository } from '../participation/index.ts';
import { SynthesisRepository } from './synthesis.repository.ts';

function session(id: string, status: 'gepland' | 'geannuleerd', slug = 'fixture-west') {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: slug,
    title: `Fixture ${id}`,
    description: null,
    starts_at: '2027-01-14T18:30:00.000Z',
    ends_at: '2027-01-14T20:30:00.000Z',
    location: 'Fixture',
    organiser: 'Fixture',
    audience: 'gemengd' as const,
    is_public: 1,
    status,
    cancel_reason: status === 'geannuleerd' ? 'Fixture' : null,
    created_at: '2027-01-01T09:00:00.000Z',
    created_by: 'fixture',
    updated_at: '2027-01-01T09:00:00.000Z',
    updated_by: 'fixture',
  };
}

function input(id: string, sessionId: string, votes: number, slug = 'fixture-west') {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: slug,
    source: 'bijeenkomst' as const,
    session_id: sessionId,
    theme_key: 'wonen',
    sub_theme: null,
    kind: 'knelpunt' as const,
    text: `Fixture-tekst ${id}`,
    table_group: null,
    votes,
    quote_allowed: 0,
    quote_review: 'niet_toegestaan' as const,
    import_id: null,
    import_row: null,
    created_at: `2027-01-14T19:00:0${id.length % 10}.000Z`,
    created_by: 'fixture',
  };
}

const weights = (monitor: number, at: string) => ({
  focus_area_slug: 'fixture-west',
  municipality_code: 'GM0505',
  weight_monitor: monitor,
  weight_bewoners: 20,
  weight_professionals: 20,
  weight_bijeenkomsten: 20,
  weight_codes: 0,
  updated_at: at,
  updated_by: 'Fixture Bureau',
});

describeEachDialect('synthesis repository', (getDb) => {
  it('has no weights until saved, then one row per area that a second save replaces', async () => {
    const repo = new SynthesisRepository(getDb().db);
    assert.equal(await repo.findWeights('fixture-west'), null);
    await repo.saveWeights(weights(40, '2027-01-02T10:00:00.000Z'));
    await repo.saveWeights(weights(55, '2027-01-03T10:00:00.000Z'));
    const row = await repo.findWeights('fixture-west');
    assert.deepEqual(row, weights(55, '2027-01-03T10:00:00.000Z'));
    assert.equal(typeof row?.weight_codes, 'number');
    assert.equal(await repo.findWeights('elders'), null);
  });

  it('lists the inputs of the area, most votes first, without those of a cancelled session', async () => {
    const db = getDb().db;
    const participation = new ParticipationRepository(db);
    await participation.insertSession(session('s1', 'gepland'), ['wonen']);
    await participation.insertSession(session('s2', 'geannuleerd'), ['wonen']);
    await participation.insertSession(session('s3', 'gepland', 'elders'), ['wonen']);
    await participation.insertInputs([
      input('a', 's1', 1),
      input('bb', 's1', 5),
      input('ccc', 's2', 9),
      input('dddd', 's3', 7, 'elders'),
    ]);
    const rows = await new SynthesisRepository(db).listInputs('fixture-west');
    assert.deepEqual(rows, [
      {
        id: 'bb',
        session_id: 's1',
        session_title: 'Fixture s1',
        theme_key: 'wonen',
        kind: 'knelpunt',
        text: 'Fixture-tekst bb',
        votes: 5,
      },
      {
        id: 'a',
        session_id: 's1',
        session_title: 'Fixture s1',
        theme_key: 'wonen',
        kind: 'knelpunt',
        text: 'Fixture-tekst a',
        votes: 1,
      },
    ]);
  });
});
