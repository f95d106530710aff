import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, isAllowed, type Grant } from '../accounts/permissions.ts';
import { WorkspaceHomeService } from './workspace-home.service.ts';

const service = new WorkspaceHomeService({
  municipalityNames: async (codes) =>
    new Map(codes.filter((c) => c === 'GM0505').map((c) => [c, 'Dordrecht'])),
  focusAreasOf: async (code) =>
    code === 'GM0505' ? [{ slug: 'dordt-west', name: 'Dordt West' }] : [],
});

function hrefs(home: Awaited<ReturnType<WorkspaceHomeService['forUser']>>): string[] {
  return [...home.sections.flatMap((s) => s.links), ...home.always].map((l) => l.href);
}

describe('the workspace home', () => {
  it('shows a beheerder the user management and the audit log of their municipality', async () => {
    const home = await service.forUser({
      name: 'Bea Beheer',
      grants: [{ role: 'beheerder', municipalityCode: 'GM0505' }],
    });
    assert.equal(home.userName, 'Bea Beheer');
    assert.equal(home.sections.length, 1);
    assert.equal(home.sections[0]!.title, 'Gemeente Dordrecht');
    assert.deepEqual(home.sections[0]!.roles, ['Beheerder']);
    const links = hrefs(home);
    for (const href of [
      '/beheer/GM0505/gebruikers',
      '/beheer/GM0505/audit',
      '/werkruimte/GM0505/focusgebieden',
      '/werkruimte/GM0505/doelen/dordt-west',
      '/werkruimte/GM0505/data',
      '/werkruimte/GM0505/enquetes',
      '/werkruimte/catalogus',
      '/account',
    ])
      assert.ok(links.includes(href), `${href} ontbreekt`);
  });

  it('shows an interviewer only the surveys, and no management', async () => {
    const home = await service.forUser({
      name: 'Ivo',
      grants: [{ role: 'interviewer', municipalityCode: 'GM0505' }],
    });
    const section = home.sections[0]!;
    assert.deepEqual(
      section.links.map((l) => l.href),
      ['/werkruimte/GM0505/enquetes', '/gebieden/dordt-west'],
    );
    assert.match(section.links[0]!.hint, /interviews afnemen/);
    assert.ok(!hrefs(home).includes('/werkruimte/catalogus'));
  });

  it('gives each municipality of a user with two its own section and roles', async () => {
    const home = await service.forUser({
      name: 'Twee',
      grants: [
        { role: 'beheerder', municipalityCode: 'GM0014' },
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ],
    });
    assert.deepEqual(
      home.sections.map((s) => [s.code, s.title, s.roles.join(', ')]),
      [
        ['GM0014', 'Gemeente GM0014', 'Beheerder'],
        ['GM0505', 'Gemeente Dordrecht', 'Onderzoeker, Invoerder'],
      ],
    );
    const dordrecht = home.sections[1]!.links.map((l) => l.href);
    assert.ok(!dordrecht.includes('/beheer/GM0505/gebruikers'));
    assert.ok(home.sections[0]!.links.some((l) => l.href === '/beheer/GM0014/gebruikers'));
  });

  it('shows the national programme its catalogue proposals, never a municipal workspace', async () => {
    const home = await service.forUser({
      name: 'Landelijk',
      grants: [{ role: 'landelijk_beheerder', municipalityCode: 'NL00' }],
    });
    assert.equal(home.sections[0]!.title, 'Landelijk programma');
    const links = hrefs(home);
    assert.ok(links.includes('/werkruimte/catalogus/voorstellen'));
    assert.ok(links.includes('/werkruimte/catalogus'));
    assert.ok(!links.some((h) => h.startsWith('/werkruimte/NL00')), links.join(' '));
  });

  it('links the contours proposal for the roles that read it, and no other', async () => {
    const href = '/werkruimte/GM0505/contouren/dordt-west';
    for (const role of ROLES) {
      if (role === 'landelijk_beheerder') continue;
      const home = await service.forUser({
        name: role,
        grants: [{ role, municipalityCode: 'GM0505' }],
      });
      const expected = ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'].includes(
        role,
      );
      assert.equal(hrefs(home).includes(href), expected, role);
    }
  });

  it('links, for every role, only to pages permissions.ts lets that role open', async () => {
    // The route → permission pairs of what the home links to (the route test checks the rest).
    const permissionOf: [RegExp, Parameters<typeof isAllowed>[1], boolean][] = [
      [/^\/werkruimte\/GM0505\/focusgebieden$/, 'focus-areas:edit', true],
      [/^\/werkruimte\/GM0505\/doelen\//, 'targets:edit', true],
      [/^\/werkruimte\/GM0505\/data$/, 'data:import', true],
      [/^\/werkruimte\/GM0505\/enquetes$/, 'account:self', true],
      [/^\/werkruimte\/GM0505\/bijeenkomsten$/, 'participation:read', true],
      [/^\/werkruimte\/GM0505\/programma$/, 'budget:read', true],
      [/^\/werkruimte\/GM0505\/coderen\//, 'coding:read', true],
      [/^\/werkruimte\/GM0505\/themakaart\//, 'synthesis:read', true],
      [/^\/werkruimte\/GM0505\/alliantie\//, 'alliance:read', true],
      [/^\/werkruimte\/GM0505\/contouren\//, 'contours:read', true],
      [/^\/werkruimte\/GM0505\/raadsbrieven\//, 'council-letter:read', true],
      [/^\/beheer\/GM0505\/gebruikers$/, 'users:manage', true],
      [/^\/beheer\/GM0505\/audit$/, 'audit:read', true],
      [/^\/werkruimte\/catalogus$/, 'catalogue:propose', false],
      [/^\/werkruimte\/catalogus\/voorstellen$/, 'catalogue:edit', false],
      [/^\/account$/, 'account:self', false],
      [/^\/gebieden(\/|$)/, 'public', false],
    ];
    for (const role of ROLES) {
      const code = role === 'landelijk_beheerder' ? 'NL00' : 'GM0505';
      const grants: Grant[] = [{ role, municipalityCode: code }];
      for (const href of hrefs(await service.forUser({ name: role, grants }))) {
        const rule = permissionOf.find(([re]) => re.test(href));
        assert.ok(rule, `${role}: onbekende link ${href}`);
        const [, permission, scoped] = rule;
        assert.ok(
          isAllowed(grants, permission, scoped ? 'GM0505' : undefined),
          `${role} ziet ${href} maar mag die niet openen`,
        );
      }
    }
  });
});
