import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { focusAreaDirectory, type FocusAreaRow } from './focus-area.directory.ts';

const rows: FocusAreaRow[] = [
  {
    slug: 'dordt-west',
    name: 'Dordt West',
    municipality_code: 'GM0505',
    municipality_name: 'Dordrecht',
  },
  {
    slug: 'rotterdam-zuid',
    name: 'Rotterdam Zuid',
    municipality_code: 'GM0599',
    municipality_name: 'Rotterdam',
  },
  {
    slug: 'dordt-oost',
    name: 'Dordt Oost',
    municipality_code: 'GM0505',
    municipality_name: 'Dordrecht',
  },
];

describe('focus-area directory (one adapter for the workspace features)', () => {
  it('finds a focus area by slug as a reference, or null', async () => {
    const directory = focusAreaDirectory(async () => rows);
    assert.deepEqual(await directory.find('rotterdam-zuid'), {
      slug: 'rotterdam-zuid',
      name: 'Rotterdam Zuid',
      municipalityCode: 'GM0599',
      municipalityName: 'Rotterdam',
    });
    assert.equal(await directory.find('onbekend'), null);
  });

  it('lists the focus areas of one municipality, in list order', async () => {
    const directory = focusAreaDirectory(async () => rows);
    assert.deepEqual(
      (await directory.ofMunicipality('GM0505')).map((a) => a.slug),
      ['dordt-west', 'dordt-oost'],
    );
    assert.deepEqual(await directory.ofMunicipality('GM0000'), []);
  });

  it('reads the list on every call, so a newly added focus area is found', async () => {
    const current: FocusAreaRow[] = [];
    const directory = focusAreaDirectory(async () => current);
    assert.equal(await directory.find('dordt-west'), null);
    current.push(rows[0]!);
    assert.equal((await directory.find('dordt-west'))?.name, 'Dordt West');
  });

  it('is the only place the composition root builds a focus-area reference', async () => {
    const source = await readFile(new URL('../../composition.ts', import.meta.url), 'utf8');
    assert.equal(source.match(/municipality_name/g), null, 'composition.ts maps rows itself');
    assert.equal(source.match(/focusAreaDirectory\(/g)?.length, 1);
  });
});
