import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { ParticipationRepository } from '../participation/index.ts';
import { CodingRepository } from './coding.repository.ts';

function versionRow(id: string, version: number, slug = 'fixture-west') {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: slug,
    version,
    note: `Fixture-versie ${version}`,
    created_at: `2027-01-0${version}T09:00:00.000Z`,
    created_by: 'fixture',
  };
}

function codeRow(key: string, theme: string, position: number) {
  return { code_key: key, theme_key: theme, label: `Fixture ${key}`, description: '', position };
}

describeEachDialect('coding repository', (getDb) => {
  it('keeps every codebook version and finds the latest or a named one', async () => {
    const repo = new CodingRepository(getDb().db);
    assert.equal(await repo.findCodebook('fixture-west'), null);
    await repo.insertCodebookVersion(versionRow('v1', 1), [codeRow('wonen-kwaliteit', 'wonen', 1)]);
    await repo.insertCodebookVersion(versionRow('v2', 2), [
      codeRow('wonen-kwaliteit', 'wonen', 1),
      codeRow('veiligheid-verlichting', 'veiligheid', 2),
    ]);
    await repo.insertCodebookVersion(versionRow('x1', 1, 'elders'), []);
    const latest = await repo.findCodebook('fixture-west');
    assert.equal(latest?.version.version, 2);
    assert.deepEqual(
      latest?.codes.map((c) => [c.code_key, c.position]),
      [
        ['wonen-kwaliteit', 1],
        ['veiligheid-verlichting', 2],
      ],
    );
    const first = await repo.findCodebook('fixture-west', 1);
    assert.deepEqual(
      first?.codes.map((c) => c.code_key),
      ['wonen-kwaliteit'],
    );
    assert.equal(await repo.findCodebook('fixture-west', 3), null);
    assert.deepEqual(
      (await repo.listVersions('fixture-west')).map((v) => v.version),
      [2, 1],
    );
    await assert.rejects(repo.insertCodebookVersion(versionRow('v2b', 2), []));
  });

  it('replaces a coder’s code, counts distinct items per code per source', async () => {
    const repo = new CodingRepository(getDb().db);
    const base = { focus_area_slug: 'fixture-west', source: 'bijeenkomst' as const };
    const at = '2027-01-14T19:00:00.000Z';
    await repo.saveAssignment({
      ...base,
      item_id: 'i1',
      coder: 'a',
      code_key: 'x',
      codebook_version: 1,
      coded_at: at,
    });
    await repo.saveAssignment({
      ...base,
      item_id: 'i1',
      coder: 'a',
      code_key: 'y',
      codebook_version: 2,
      coded_at: at,
    });
    await repo.saveAssignment({
      ...base,
      item_id: 'i1',
      coder: 'b',
      code_key: 'y',
      codebook_version: 2,
      coded_at: at,
    });
    await repo.saveAssignment({
      ...base,
      item_id: 'i2',
      coder: 'a',
      code_key: 'x',
      codebook_version: 2,
      coded_at: at,
    });
    await repo.saveAssignment({
      ...base,
      focus_area_slug: 'elders',
      item_id: 'e1',
      coder: 'a',
      code_key: 'x',
      codebook_version: 1,
      coded_at: at,
    });
    const found = await repo.findAssignment('bijeenkomst', 'i1', 'a');
    assert.equal(found?.code_key, 'y');
    assert.equal(found?.codebook_version, 2);
    assert.equal(await repo.findAssignment('enquete', 'i1', 'a'), null);
    assert.deepEqual(await repo.countPerCode('fixture-west'), [
      { source: 'bijeenkomst', code_key: 'x', items: 1 },
      { source: 'bijeenkomst', code_key: 'y', items: 1 },
    ]);
    assert.equal((await repo.listAssignments('fixture-west')).length, 3);
  });

  it('stores a sample with its items and lists session inputs of an area', async () => {
    const { db } = getDb();
    const repo = new CodingRepository(db);
    assert.equal(await repo.latestSample('fixture-west'), null);
    await repo.insertSample(
      {
        id: 's1',
        focus_area_slug: 'fixture-west',
        seed: 'zaad',
        size: 2,
        created_at: '2027-01-15T09:00:00.000Z',
        created_by: 'fixture',
      },
      [
        { source: 'bijeenkomst', item_id: 'i2' },
        { source: 'bijeenkomst', item_id: 'i1' },
      ],
    );
    const latest = await repo.latestSample('fixture-west');
    assert.equal(latest?.sample.seed, 'zaad');
    assert.deepEqual(
      latest?.items.map((i) => i.item_id),
      ['i1', 'i2'],
    );
    const participation = new ParticipationRepository(db);
    await participation.insertSession(
      {
        id: 'sess',
        municipality_code: 'GM0505',
        focus_area_slug: 'fixture-west',
        title: 'Fixture',
        description: null,
        starts_at: '2027-01-14T18:30:00.000Z',
        ends_at: '2027-01-14T20:30:00.000Z',
        location: 'Fixture',
        organiser: 'Fixture',
        audience: 'gemengd',
        is_public: 1,
        status: 'gepland',
        cancel_reason: null,
        created_at: '2027-01-01T09:00:00.000Z',
        created_by: 'fixture',
        updated_at: '2027-01-01T09:00:00.000Z',
        updated_by: 'fixture',
      },
      ['wonen'],
    );
    await participation.insertInputs([
      {
        id: 'in1',
        municipality_code: 'GM0505',
        focus_area_slug: 'fixture-west',
        source: 'bijeenkomst',
        session_id: 'sess',
        theme_key: 'wonen',
        sub_theme: null,
        kind: 'knelpunt',
        text: 'Fixture-tekst',
        table_group: null,
        votes: 2,
        quote_allowed: 0,
        quote_review: 'niet_toegestaan',
        import_id: null,
        import_row: null,
        created_at: '2027-01-14T19:00:00.000Z',
        created_by: 'fixture',
      },
    ]);
    assert.deepEqual(await repo.listSessionInputs('fixture-west'), [
      {
        source: 'bijeenkomst',
        id: 'in1',
        text: 'Fixture-tekst',
        theme_key: 'wonen',
        quotable: false,
      },
    ]);
    assert.deepEqual(await repo.listSessionInputs('elders'), []);
  });
});

describeEachDialect('coding repository: open answers and theme counts', (getDb) => {
  async function response(id: string, key: string, status: string, answers: [string, string][]) {
    const { db } = getDb();
    await db
      .insertInto('survey_responses')
      .values({
        id,
        questionnaire_key: key,
        version: 1,
        channel: 'web',
        source: 'uitnodiging',
        language: 'nl',
        status: status as 'ingediend',
        interviewer_id: null,
        keyer_id: null,
        form_number: null,
        resume_hash: null,
        idempotency_key: `idem-${id}`,
        created_at: '2027-01-14',
        submitted_at: status === 'concept' ? null : '2027-01-14',
        reviewed_by: null,
        reviewed_at: null,
      })
      .execute();
    for (const [variable, text] of answers) {
      await db
        .insertInto('survey_answers')
        .values({ response_id: id, variable, value_text: text, value_number: null })
        .execute();
    }
  }

  it('reads open answers of sent responses only, without empty ones', async () => {
    const repo = new CodingRepository(getDb().db);
    await response('r1', 'fixture-enquete', 'ingediend', [
      ['open', 'Fixture: meer groen'],
      ['leeftijd', '40'],
    ]);
    await response('r2', 'fixture-enquete', 'concept', [['open', 'Fixture: nog bezig']]);
    await response('r3', 'fixture-enquete', 'afgekeurd', [['open', 'Fixture: afgekeurd']]);
    await response('r4', 'fixture-enquete', 'te_controleren', [['open', '   ']]);
    await response('r5', 'andere', 'ingediend', [['open', 'Fixture: ander gebied']]);
    await response('r6', 'fixture-enquete', 'goedgekeurd', [['open', 'Fixture: goedgekeurd']]);
    const rows = await repo.listOpenAnswers(['fixture-enquete'], ['open']);
    assert.deepEqual(
      rows.map((r) => [r.response_id, r.status, r.value_text]),
      [
        ['r1', 'ingediend', 'Fixture: meer groen'],
        ['r6', 'goedgekeurd', 'Fixture: goedgekeurd'],
      ],
    );
    assert.deepEqual(await repo.listOpenAnswers([], ['open']), []);
  });

  it('counts coded items per theme of the code in the version it was given under', async () => {
    const repo = new CodingRepository(getDb().db);
    await repo.insertCodebookVersion(versionRow('t1', 1), [
      codeRow('wonen-huur', 'wonen', 1),
      codeRow('onderwijs-school', 'onderwijs', 2),
    ]);
    // Version 2 moves the key to another theme: earlier assignments keep their theme.
    await repo.insertCodebookVersion(versionRow('t2', 2), [
      codeRow('wonen-huur', 'gezond-leven', 1),
    ]);
    const at = '2027-01-14T19:00:00.000Z';
    const give = (
      source: 'enquete' | 'bijeenkomst',
      item: string,
      coder: string,
      code: string,
      v: number,
    ) =>
      repo.saveAssignment({
        focus_area_slug: 'fixture-west',
        source,
        item_id: item,
        coder,
        code_key: code,
        codebook_version: v,
        coded_at: at,
      });
    await give('enquete', 'e1', 'a', 'wonen-huur', 1);
    await give('enquete', 'e1', 'b', 'wonen-huur', 1);
    await give('enquete', 'e2', 'a', 'onderwijs-school', 1);
    await give('enquete', 'e2', 'b', 'wonen-huur', 1);
    await give('bijeenkomst', 'i1', 'a', 'wonen-huur', 2);
    assert.deepEqual(await repo.countPerTheme('fixture-west'), [
      { source: 'bijeenkomst', theme_key: 'gezond-leven', items: 1 },
      { source: 'enquete', theme_key: 'onderwijs', items: 1 },
      { source: 'enquete', theme_key: 'wonen', items: 2 },
    ]);
    assert.deepEqual(await repo.countPerTheme('elders'), []);
  });
});
