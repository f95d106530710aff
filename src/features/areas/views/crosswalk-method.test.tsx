import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';

/* Issue 13, point 9: how a series crosses a change of indeling is on /methode. */
describe('/methode explains the crosswalk between indelingen', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('sqlite');
  });
  after(async () => {
    await t?.close();
  });

  it('says the crosswalk is weighted by surface, when a series runs on, and that splits are not divided', async () => {
    const res = await t.app.inject('/methode');
    assert.equal(res.statusCode, 200);
    const section = /<dl[^>]*data-section="omzettabel"[^>]*>([\s\S]*?)<\/dl>/.exec(res.body)?.[1];
    assert.ok(section, 'a section on the crosswalk');
    assert.match(section, /naar oppervlakte, niet naar inwoners/);
    assert.match(section, /raster van 30 bij 30 punten/);
    assert.match(section, /minstens 98%/);
    assert.match(section, /verdelen we aantallen niet naar oppervlakte/);
  });
});
