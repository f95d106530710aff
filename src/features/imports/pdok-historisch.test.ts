import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseCollection,
  chooseFilters,
  pdokHistorischBase,
  readCollections,
  readQueryables,
  type PdokCollection,
} from './pdok-historisch.ts';

/** The discovery rule of ADR 0045 on invented collection lists (PDOK's real names are unknown). */
const list = (...ids: [string, string?][]): PdokCollection[] =>
  ids.map(([id, title]) => ({ id, title: title ?? '' }));

describe('PDOK historisch: choosing a collection and its filters', () => {
  it("lies below PDOK's base address, or the one given", () => {
    assert.equal(
      pdokHistorischBase(),
      'https://api.pdok.nl/cbs/wijken-en-buurten-historisch/ogc/v1',
    );
    assert.equal(
      pdokHistorischBase('http://127.0.0.1:9/'),
      'http://127.0.0.1:9/cbs/wijken-en-buurten-historisch/ogc/v1',
    );
  });

  it('(a) takes the one collection whose id or title holds the year and the level word', () => {
    const collections = list(
      ['cbs_buurten_2018'],
      ['cbs_buurten_2019'],
      ['cbs_wijken_2019'],
      ['wijkenbuurten_2019'],
      ['c17', 'Gemeenten 2019'],
      ['buurten2019x'],
    );
    assert.deepEqual(chooseCollection(collections, 2019, 'wijk'), {
      shape: 'per-jaar',
      collection: { id: 'cbs_wijken_2019', title: '' },
    });
    assert.deepEqual(chooseCollection(collections, 2019, 'gemeente'), {
      shape: 'per-jaar',
      collection: { id: 'c17', title: 'Gemeenten 2019' },
    });
    assert.deepEqual(
      chooseCollection(collections, 2019, 'buurt'),
      { problem: 'meer dan één collectie voor buurten 2019 (cbs_buurten_2019, buurten2019x)' },
      'two fit: none is chosen',
    );
    assert.deepEqual(chooseCollection(list(['buurten_20190']), 2019, 'buurt'), {
      problem: 'geen collectie voor buurten 2019',
    });
  });

  it('(b) takes the one collection of the level without any year, when no collection has the year', () => {
    assert.deepEqual(chooseCollection(list(['buurten', 'Buurten']), 2016, 'buurt'), {
      shape: 'jaar-als-eigenschap',
      collection: { id: 'buurten', title: 'Buurten' },
    });
    assert.deepEqual(
      chooseCollection(list(['buurten'], ['cbs_buurten_2018']), 2018, 'buurt'),
      { shape: 'per-jaar', collection: { id: 'cbs_buurten_2018', title: '' } },
      'a collection of that year wins',
    );
    assert.deepEqual(chooseCollection(list(['buurten'], ['buurt_vlakken']), 2016, 'buurt'), {
      problem: 'meer dan één collectie voor buurten zonder jaar (buurten, buurt_vlakken)',
    });
    assert.deepEqual(chooseCollection(list(['buurten_2013_2022']), 2016, 'buurt'), {
      problem: 'geen collectie voor buurten 2016',
    });
  });

  it('filters on gemeentecode, or the older spelling the queryables list, and for (b) on jaarcode or jaar', () => {
    const a = { shape: 'per-jaar' as const, collection: { id: 'b_2019', title: '' } };
    const b = { shape: 'jaar-als-eigenschap' as const, collection: { id: 'buurten', title: '' } };
    assert.deepEqual(chooseFilters(a, null), {
      municipalityProperty: 'gemeentecode',
      yearProperty: null,
    });
    assert.deepEqual(chooseFilters(a, ['bu_code', 'gm_code']), {
      municipalityProperty: 'gm_code',
      yearProperty: null,
    });
    assert.deepEqual(chooseFilters(a, ['bu_code']), {
      problem: 'collectie b_2019 kan niet op gemeente filteren (filters: bu_code)',
    });
    assert.deepEqual(chooseFilters(b, ['jaar', 'gemeentecode', 'jaarcode']), {
      municipalityProperty: 'gemeentecode',
      yearProperty: 'jaarcode',
    });
    assert.deepEqual(chooseFilters(b, ['GM_CODE', 'jaar']), {
      municipalityProperty: 'GM_CODE',
      yearProperty: 'jaar',
    });
    assert.deepEqual(chooseFilters(b, ['gemeentecode']), {
      problem:
        'collectie buurten heeft geen jaar in de naam en kan niet op jaar filteren (filters: gemeentecode)',
    });
    assert.deepEqual(chooseFilters(b, null), {
      problem:
        'collectie buurten heeft geen jaar in de naam en geen lijst van filters (queryables)',
    });
  });

  it('refuses an answer that is no collection list or no queryables, naming the address', () => {
    assert.throws(
      () => readCollections({ type: 'FeatureCollection' }, 'http://x/collections?f=json'),
      /Het antwoord van PDOK op http:\/\/x\/collections\?f=json is geen lijst van collecties/,
    );
    assert.deepEqual(
      readCollections(
        { collections: [{ id: 'a', title: 'A' }, { title: 'zonder id' }, null] },
        'u',
      ),
      [{ id: 'a', title: 'A' }],
    );
    assert.throws(
      () => readQueryables({ type: 'object' }, 'http://x/q'),
      /http:\/\/x\/q is geen lijst van filters \(queryables\)/,
    );
    assert.deepEqual(readQueryables({ properties: { jaarcode: {}, gemeentecode: {} } }, 'u'), [
      'jaarcode',
      'gemeentecode',
    ]);
  });
});
