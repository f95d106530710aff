import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describeEachDialect } from '../helpers/db.ts';
import { buildSecurityApp, form, login, makeUser, openLoginPage } from './security-app.ts';

/**
 * Route schemas (params, query, body) are checked after the authorization and CSRF checks (ADR
 * 0039, amendment): a visitor is sent to the login page, a user without the right gets 403 and a
 * forged form gets the CSRF 403, whatever is wrong with the address, the query or the form. Only
 * a user who may use the route hears that the address (404) or a parameter (400) is wrong.
 */

const HOME = 'GM0505';

interface Case {
  label: string;
  method: 'GET' | 'POST';
  url: string;
  /** Form fields besides _csrf (POST). */
  fields?: Record<string, string>;
  /**
   * What a user with the right (in HOME) gets: the schema's answer. A malformed :gemeente names
   * no municipality of theirs, so it stays 403 for everyone.
   */
  schemaStatus: 400 | 403 | 404;
}

/** Each case is malformed in one place the route's schema checks. */
const CASES: Case[] = [
  {
    label: 'a malformed :gemeente',
    method: 'GET',
    url: '/werkruimte/GM05/focusgebieden',
    schemaStatus: 403,
  },
  {
    label: 'a malformed :slug',
    method: 'GET',
    url: `/werkruimte/${HOME}/focusgebieden/Dordt_West!`,
    schemaStatus: 404,
  },
  {
    label: 'a malformed query parameter',
    method: 'GET',
    url: `/werkruimte/${HOME}/focusgebieden/dordt-west?opgeslagen=twee`,
    schemaStatus: 400,
  },
  {
    label: 'a notice that is none of the page',
    method: 'GET',
    url: `/werkruimte/${HOME}/doelen/dordt-west?klaar=iets-anders`,
    schemaStatus: 400,
  },
  {
    label: 'a malformed query parameter on a route without :gemeente',
    method: 'GET',
    url: '/werkruimte/catalogus/bevolking-totaal?voorgesteld=misschien',
    schemaStatus: 400,
  },
  {
    label: 'a malformed :sessie',
    method: 'GET',
    url: `/werkruimte/${HOME}/bijeenkomsten/geen-uuid/bewerken`,
    schemaStatus: 404,
  },
  {
    label: 'a form to a malformed :slug',
    method: 'POST',
    url: `/werkruimte/${HOME}/focusgebieden/Dordt_West!/bevestigen`,
    schemaStatus: 404,
  },
  {
    label: 'a form to a malformed :id, with a malformed body',
    method: 'POST',
    url: `/werkruimte/${HOME}/begroting/dordt-west/functies/niet_goed/verwijderen`,
    fields: { 'naam[]': 'x', onbekend: '<script>' },
    schemaStatus: 404,
  },
];

async function send(
  app: FastifyInstance,
  c: Case,
  who: { cookie: string; token: string },
  token = who.token,
) {
  const options: InjectOptions = {
    method: c.method,
    url: c.url,
    headers: { cookie: who.cookie },
  };
  if (c.method === 'POST') {
    const body = form({ ...c.fields, _csrf: token });
    options.payload = body.payload;
    options.headers = { ...options.headers, ...body.headers };
  }
  return app.inject(options);
}

describeEachDialect('authorization and CSRF before the route schemas', (getDb) => {
  it('a visitor hears "log in first", a user without the right 403, a forged form the CSRF 403; only a user with the right hears 400/404', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      const visitor = await openLoginPage(app, '10.2.0.1');
      await makeUser(handle, 'alliantie@fixture.example', [
        { role: 'alliantielid', municipalityCode: HOME },
      ]);
      await makeUser(handle, 'bureau@fixture.example', [
        { role: 'programmabureau', municipalityCode: HOME },
      ]);
      const withoutRight = await login(app, 'alliantie@fixture.example', undefined, '10.2.0.2');
      const withRight = await login(app, 'bureau@fixture.example', undefined, '10.2.0.3');

      for (const c of CASES) {
        const where = `${c.method} ${c.url} (${c.label})`;

        const anonymous = await send(app, c, visitor);
        if (c.method === 'GET') {
          assert.equal(anonymous.statusCode, 303, where);
          assert.equal(
            anonymous.headers.location,
            `/inloggen?terug=${encodeURIComponent(c.url)}`,
            where,
          );
        } else {
          assert.equal(anonymous.statusCode, 401, where);
          assert.match(anonymous.body, /Log eerst in\./, where);
        }

        const refused = await send(app, c, withoutRight);
        assert.equal(refused.statusCode, 403, where);
        assert.match(refused.body, /Uw account heeft geen toegang tot deze pagina\./, where);
        // The refusal page still carries the account menu (its token is made on onRequest).
        assert.match(refused.body, /action="\/uitloggen"/, where);

        if (c.method === 'POST') {
          const forged = await send(app, c, withRight, 'vervalst-token');
          assert.equal(forged.statusCode, 403, where);
          assert.match(forged.body, /Het formulier is verlopen/, where);
        }

        // The control: the schema is really there and refuses this request.
        const allowed = await send(app, c, withRight);
        assert.equal(allowed.statusCode, c.schemaStatus, `${where}: ${allowed.body.slice(0, 300)}`);
      }
    } finally {
      await app.close();
    }
  });
});
