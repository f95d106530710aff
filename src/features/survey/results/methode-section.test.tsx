import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';

/* Issue 12, point 2: the disclosure rule and the publication guards are on /methode. */
describe('/methode explains the survey rules', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('sqlite');
  });
  after(async () => {
    await t?.close();
  });

  it('says which counts are hidden, that 0 is shown, and when a figure is too uncertain', async () => {
    const res = await t.app.inject('/methode');
    assert.equal(res.statusCode, 200);
    const section = /<dl[^>]*data-section="enquete"[^>]*>([\s\S]*?)<\/dl>/.exec(res.body)?.[1];
    assert.ok(section, 'a section on survey figures');
    assert.match(section, /aantal van 1 tot en met 9 mensen tonen we niet/);
    assert.match(section, /Een 0 tonen we wel/);
    assert.match(section, /uitrekenen uit het totaal of de andere getallen/);
    assert.match(section, /minder dan 10 mensen tonen we niet/);
    assert.match(section, /tellen niet mee in de\s+percentages/);
    assert.match(section, /minstens 30/);
    assert.match(section, /hoogstens 15 procentpunt/);
    assert.match(section, /te onzeker om te tonen/);
  });
});
