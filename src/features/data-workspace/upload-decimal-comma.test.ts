import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { multipart } from './data-workspace.test-helpers.ts';

const HOME = 'GM0505';
const BASE = `/werkruimte/${HOME}/data`;
const read = (relative: string) => ({
  fileName: path.basename(relative),
  bytes: fs.readFileSync(path.join(projectRoot, relative)),
});

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `upload form: StatLine CSV with "Decimale komma" [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      let who: { cookie: string; token: string };
      before(async () => {
        t = await buildTestApp(dialect);
        const email = 'onderzoeker-decimaal@fixture.example';
        await makeUser(t.handle, email, [{ role: 'onderzoeker', municipalityCode: HOME }]);
        who = await login(t.app, email, undefined, '10.9.1.1');
      });
      after(async () => {
        await t?.app.close();
        await t?.handle.drop();
      });

      async function preview(fields: Record<string, string>) {
        const body = multipart(
          { soort: 'statline', indeling: '2024', periode: '2024', tabel: '85984NED', ...fields },
          {
            bestand: read('datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv'),
            metadata: read('datasets/cbs-kwb-2024/85984NED_DataProperties.json'),
          },
        );
        const res = await t.app.inject({
          method: 'POST',
          url: `${BASE}/voorbeeld?_csrf=${encodeURIComponent(who.token)}`,
          payload: body.payload,
          headers: { ...body.headers, cookie: who.cookie },
        });
        assert.equal(res.statusCode, 303, res.body);
        return t.app.inject({
          method: 'GET',
          url: String(res.headers.location),
          headers: { cookie: who.cookie },
        });
      }

      it('the form offers the field; without it "2,1" is refused with its place, with it the file is read', async () => {
        const form = await t.app.inject({
          method: 'GET',
          url: BASE,
          headers: { cookie: who.cookie },
        });
        assert.match(form.body, /name="decimale_komma" value="ja"/);
        assert.match(form.body, /Decimale komma/);

        const refused = await preview({});
        assert.equal(refused.statusCode, 422);
        assert.match(refused.body, /geen getal: &quot;2,1&quot;|geen getal: "2,1"/);
        assert.match(refused.body, /Gemiddelde huishoudensgrootte/);

        const read = await preview({ decimale_komma: 'ja' });
        assert.equal(read.statusCode, 200, read.body.slice(0, 2000));
        assert.doesNotMatch(read.body, /geen getal/);
      });
    },
  );
}
