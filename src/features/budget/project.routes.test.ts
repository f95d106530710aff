import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import {
  buildSecurityApp,
  csrfToken,
  form,
  isDenied,
  login,
  makeUser,
} from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { BudgetRepository } from './budget.repository.ts';
import { databaseAuditWriter } from './audit-writer.ts';
import { ProjectRepository } from './project.repository.ts';
import { ProjectService } from './project.service.tsx';

describeEachDialect('projects', (getDb) => {
  it('aim at indicators; other areas read them by theme; only public ones reach the monitor', async () => {
    const handle = getDb();
    await upsertFocusArea(handle.db, {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipality_code: 'GM0505',
      municipality_name: 'Dordrecht',
      composition_status: 'bekend',
      source_note: '',
    });
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'pb@fixture.example', [
        { role: 'programmabureau', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'lid@fixture.example', [
        { role: 'alliantielid', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'elders@fixture.example', [
        { role: 'alliantielid', municipalityCode: 'GM0014' },
      ]);
      const pb = await login(app, 'pb@fixture.example');
      const url = '/werkruimte/GM0505/projecten';
      const send = async (fields: Record<string, string | string[]>) => {
        const page = await app.inject({ url, headers: { cookie: pb.cookie } });
        const params = new URLSearchParams({ _csrf: csrfToken(page.body) });
        for (const [k, v] of Object.entries(fields))
          for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
        return app.inject({
          method: 'POST',
          url,
          payload: params.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pb.cookie },
        });
      };
      const bad = await send({
        focus_area_slug: 'dordt-west',
        name: 'X',
        theme: 'gezond-leven',
        status: 'lopend',
        indicators: 'bestaat-niet',
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Onbekende indicator: bestaat-niet/);
      const ok = await send({
        focus_area_slug: 'dordt-west',
        name: 'Buurtsportcoach Wielwijk',
        theme: 'gezond-leven',
        status: 'lopend',
        indicators: ['overgewicht', 'ernstig-eenzaam'],
        public: 'ja',
      });
      assert.equal(ok.statusCode, 303);
      await send({
        focus_area_slug: 'dordt-west',
        name: 'Intern plan',
        theme: 'gezond-leven',
        status: 'idee',
        indicators: ['overgewicht'],
      });

      const elders = await login(app, 'elders@fixture.example');
      const other = await app.inject({
        url: '/werkruimte/GM0014/projecten',
        headers: { cookie: elders.cookie },
      });
      assert.equal(other.statusCode, 200);
      assert.match(other.body, /Gezond leven: projecten elders[\s\S]*Buurtsportcoach Wielwijk/);
      assert.doesNotMatch(other.body, /Project opslaan/, 'read-only for other areas');
      const lid = await login(app, 'lid@fixture.example');
      const body = form({ _csrf: lid.token, name: 'x' });
      assert.ok(
        isDenied(
          await app.inject({
            method: 'POST',
            url,
            payload: body.payload,
            headers: { ...body.headers, cookie: lid.cookie },
          }),
        ),
      );

      const service = new ProjectService(
        new ProjectRepository(handle.db),
        new BudgetRepository(handle.db),
        databaseAuditWriter,
        async () => [],
      );
      const shown = await service.forIndicator('dordt-west', 'overgewicht');
      assert.deepEqual(
        shown.map((p) => [p.name, p.indicators]),
        [['Buurtsportcoach Wielwijk', ['ernstig-eenzaam', 'overgewicht']]],
      );
      const audit = await listAudit(handle.db, { municipalityCode: 'GM0505' });
      assert.equal(audit.filter((a) => a.action === 'project.aangemaakt').length, 2);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('project status', (getDb) => {
  it('moves a project to another status, audited; refuses a bad status, another municipality and a reader', async () => {
    const handle = getDb();
    await upsertFocusArea(handle.db, {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipality_code: 'GM0505',
      municipality_name: 'Dordrecht',
      composition_status: 'bekend',
      source_note: '',
    });
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'pb@fixture.example', [
        { role: 'programmabureau', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'pb-elders@fixture.example', [
        { role: 'programmabureau', municipalityCode: 'GM0014' },
      ]);
      await makeUser(handle, 'lid@fixture.example', [
        { role: 'alliantielid', municipalityCode: 'GM0505' },
      ]);
      const pb = await login(app, 'pb@fixture.example');
      const url = '/werkruimte/GM0505/projecten';
      const post = async (
        cookie: string,
        target: string,
        fields: Record<string, string>,
        pageUrl = url,
      ) => {
        const page = await app.inject({ url: pageUrl, headers: { cookie } });
        const params = new URLSearchParams({ _csrf: csrfToken(page.body), ...fields });
        return app.inject({
          method: 'POST',
          url: target,
          payload: params.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        });
      };
      const created = await post(pb.cookie, url, {
        focus_area_slug: 'dordt-west',
        name: 'Buurtsportcoach Wielwijk',
        theme: 'gezond-leven',
        status: 'idee',
      });
      assert.equal(created.statusCode, 303);
      const [project] = await new ProjectRepository(handle.db).listAll();
      assert.ok(project);
      const target = `${url}/${project.id}/status`;

      const page = await app.inject({ url, headers: { cookie: pb.cookie } });
      assert.match(page.body, new RegExp(`action="${target}"`), 'a status form per own project');
      assert.match(page.body, /Status van Buurtsportcoach Wielwijk/, 'the select has a label');

      const bad = await post(pb.cookie, target, { status: 'vergeten' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Kies een status voor “Buurtsportcoach Wielwijk”/);
      assert.equal((await new ProjectRepository(handle.db).listAll())[0]?.status, 'idee');

      const ok = await post(pb.cookie, target, { status: 'lopend' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `${url}?klaar=status`);
      assert.equal((await new ProjectRepository(handle.db).listAll())[0]?.status, 'lopend');
      const audit = await listAudit(handle.db, { municipalityCode: 'GM0505' });
      const entry = audit.find((a) => a.action === 'project.status-gewijzigd');
      assert.ok(entry, 'the change is audited');

      // Another municipality's bureau cannot reach this project through its own scope.
      const elders = await login(app, 'pb-elders@fixture.example');
      const foreign = await post(
        elders.cookie,
        `/werkruimte/GM0014/projecten/${project.id}/status`,
        { status: 'gestopt' },
        '/werkruimte/GM0014/projecten',
      );
      assert.equal(foreign.statusCode, 404);
      const lid = await login(app, 'lid@fixture.example');
      const body = form({ _csrf: lid.token, status: 'gestopt' });
      assert.ok(
        isDenied(
          await app.inject({
            method: 'POST',
            url: target,
            payload: body.payload,
            headers: { ...body.headers, cookie: lid.cookie },
          }),
        ),
      );
      assert.equal((await new ProjectRepository(handle.db).listAll())[0]?.status, 'lopend');
    } finally {
      await app.close();
    }
  });
});
