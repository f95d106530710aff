import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHtml, queryAll, queryOne, textOf } from '../../../../test/helpers/html.ts';
import { renderPage } from '../../../views/render.ts';
import { SynthesisService } from '../synthesis.service.ts';
import { ThemakaartPage } from './themakaart.page.tsx';

const AREA = {
  slug: 'fixture-west',
  name: 'Fixture West',
  municipalityCode: 'GM0505',
  municipalityName: 'Fixture',
};

/** Only session inputs (FIXTURE): every other source has no data for the area. */
const service = new SynthesisService({
  repository: {
    findWeights: async () => null,
    saveWeights: async () => undefined,
    listInputs: async () => [
      {
        id: 'i1',
        session_id: 's1',
        session_title: 'FIXTURE-sessie',
        theme_key: 'wonen',
        kind: 'knelpunt',
        text: 'FIXTURE: tocht',
        votes: 3,
      },
    ],
  },
  transaction: () => Promise.reject(new Error('not used')),
  focusAreas: { find: async () => AREA },
  monitorThemes: async () => null,
  surveys: async () => [],
  codeCounts: async () => [],
  now: () => new Date(),
});

describe('the themakaart page', () => {
  it('says which sources have no data, leaves them out and says the weights were renormalised', async () => {
    const data = await service.page('GM0505', AREA.slug, { inputTexts: false });
    const doc = parseHtml(
      renderPage(
        <ThemakaartPage
          gemeente="GM0505"
          data={data}
          canEdit={false}
          access={{ results: false, sessions: false, coding: false }}
          csrf="x"
          errors={{}}
          values={{}}
        />,
      ),
    );
    for (const s of ['monitor', 'bewoners', 'professionals', 'codes'])
      assert.match(
        textOf(queryOne(doc, `[data-weggelaten="${s}"]`)),
        /nog geen gegevens\. Deze bron telt niet mee\./,
      );
    assert.equal(queryAll(doc, '[data-weggelaten="bijeenkomsten"]').length, 0);
    assert.match(
      textOf(queryOne(doc, '[data-herverdeeld]')),
      /gewichten van de andere bronnen naar verhouding opgehoogd/,
    );
    assert.match(textOf(queryOne(doc, '[data-bron="bijeenkomsten"]')), /telt mee voor 100%/);
    // Only the session column remains in the ranking; the leading theme is housing.
    assert.equal(queryAll(doc, '[data-rangorde] thead th').length, 4);
    assert.equal(queryAll(doc, '[data-rangorde] tbody tr')[0]!.getAttribute('data-thema'), 'wonen');
    // Per theme the empty sources say so; no link the reader may not open; no text.
    const wonen = queryOne(doc, 'section#thema-wonen');
    assert.match(textOf(wonen), /Monitor \(cijfers\): nog geen gegevens voor dit gebied\./);
    assert.equal(queryAll(wonen, 'a[href*="/bijeenkomsten/"]').length, 0);
    assert.doesNotMatch(textOf(doc), /tocht/);
    assert.match(
      textOf(queryOne(doc, 'section#thema-onderwijs')),
      /Kennissessies: nog geen inbreng over dit thema\./,
    );
  });
});
