import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { renderPage } from '../../views/render.ts';
import { queryAll, textOf } from '../../../test/helpers/html.ts';
import { AuditPage } from './views/audit.page.tsx';
import {
  ACTION_LABELS,
  ENTITY_LABELS,
  actionLabel,
  entityLabel,
  summarizeChange,
} from './audit-summary.ts';

/**
 * Every action key the code writes: "thing.verb" literals on a line that sets `action:`, the
 * values of every `AUDIT_ACTIONS = { … }` object, and the older pattern of files that call
 * recordAudit with a known prefix. New features write through `audit.record(…)`, so reading only
 * recordAudit files missed them.
 */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && !name.includes('.test.') && !name.includes('test-')) {
        const text = readFileSync(file, 'utf8');
        // The value of `action:` up to the next comma, over several lines when it is a choice
        // (`kind === 'uitgave' ? 'begroting.uitgave-geboekt' : 'begroting.verplichting-geboekt'`).
        for (const value of text.matchAll(/\baction:([^,]*)/g))
          for (const m of value[1]!.matchAll(/'([a-z]+\.[a-z_-]+)'/g)) found.add(m[1]!);
        for (const block of text.matchAll(/AUDIT_ACTIONS = \{([^}]*)\}/g))
          for (const m of block[1]!.matchAll(/'([a-z]+\.[a-z_-]+)'/g)) found.add(m[1]!);
        if (!/recordAudit\(|TARGET_DELETED/.test(text)) continue;
        for (const m of text.matchAll(
          /'((?:gebruiker|dataset|import|indicator|catalogusvoorstel|focusgebied|doel|enquete)\.[a-z_-]+)'/g,
        ))
          found.add(m[1]!);
        // `enquete.antwoord_${input.decision}`: the two decisions of a review.
        if (text.includes('enquete.antwoord_${')) {
          found.add('enquete.antwoord_goedgekeurd');
          found.add('enquete.antwoord_afgekeurd');
        }
      }
    }
  };
  walk(path.join(projectRoot, 'src'));
  return found;
}

/**
 * Every kind of thing the code writes to the audit log: the string after `entity:` in an audit
 * entry, and the `…_ENTITY = '…'` constants some writers use. Any other `entity:` value outside
 * the audit feature (a variable, a template) is returned apart, so a new way of writing a kind
 * cannot slip past this list.
 */
function writtenEntities(): { kinds: Set<string>; unreadable: string[] } {
  const kinds = new Set<string>();
  const unreadable: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && !name.includes('.test.') && !name.includes('test-')) {
        const text = readFileSync(file, 'utf8');
        const own = file.includes(`${path.sep}features${path.sep}audit${path.sep}`);
        for (const m of text.matchAll(/\bentity:\s*([^,\n}]+)/g)) {
          const value = m[1]!.trim();
          const literal = /^['"`]([^'"`$]+)['"`]$/.exec(value);
          if (literal) kinds.add(literal[1]!);
          else if (/^[A-Z_]+_ENTITY$/.test(value) || /^string;?$/.test(value) || own) continue;
          else unreadable.push(`${path.relative(projectRoot, file)}: entity: ${value}`);
        }
        for (const m of text.matchAll(/\b[A-Z_]+_ENTITY\s*=\s*'([^']+)'/g)) kinds.add(m[1]!);
      }
    }
  };
  walk(path.join(projectRoot, 'src'));
  return { kinds, unreadable };
}

describe('the audit log in words', () => {
  it('has a Dutch label for every action the code writes', () => {
    const actions = writtenActions();
    assert.ok(actions.size >= 70, [...actions].join(', '));
    for (const expected of [
      'project.status-gewijzigd',
      'alliantie.besluit-vastgelegd',
      'raadsbrief.gepubliceerd',
      // Written in a choice over three lines.
      'begroting.verplichting-geboekt',
    ])
      assert.ok(actions.has(expected), `${expected} niet gevonden`);
    const missing = [...actions].filter((a) => !(a in ACTION_LABELS));
    assert.deepEqual(missing, []);
    for (const label of Object.values(ACTION_LABELS)) assert.doesNotMatch(label, /[._]/);
  });

  it('has a readable Dutch label for every kind of thing the code writes', () => {
    const { kinds, unreadable } = writtenEntities();
    assert.deepEqual(unreadable, [], 'an audit entity that is not a string or an _ENTITY constant');
    assert.ok(kinds.size >= 30, [...kinds].join(', '));
    for (const expected of [
      'gebruiker',
      'doel',
      'indicatorcatalogus',
      'subsidieaanvraag',
      'raadsmoment',
    ])
      assert.ok(kinds.has(expected), `${expected} niet gevonden`);
    const missing = [...kinds].filter((k) => !(k in ENTITY_LABELS)).sort();
    assert.deepEqual(missing, []);
    for (const label of Object.values(ENTITY_LABELS)) {
      assert.doesNotMatch(label, /[._-]/);
      assert.match(label, /^[A-Z]/);
    }
    assert.equal(
      entityLabel('programmabureau-functie', 'f1', null, null),
      'Functie bij het programmabureau f1',
    );
  });

  it('shows an unknown action as words, not as a key', () => {
    assert.equal(actionLabel('test.schrijven'), 'Test schrijven');
    assert.equal(actionLabel('gebruiker.uitgezet'), 'Account uitgezet');
  });

  it('names a user by name and e-mail instead of the id', () => {
    const after = { email: 'anna@fixture.example', naam: 'Anna', actief: true, rollen: [] };
    assert.equal(
      entityLabel('gebruiker', '0b6f7c1e-uuid', null, after),
      'Gebruiker Anna (anna@fixture.example)',
    );
    assert.equal(entityLabel('focusgebied', 'dordt-west', null, null), 'Focusgebied dordt-west');
  });

  it('summarises a change field by field, in words', () => {
    assert.deepEqual(summarizeChange('{"status":"te_controleren"}', '{"status":"goedgekeurd"}'), [
      'status: te controleren → goedgekeurd',
    ]);
    const before = JSON.stringify({
      email: 'a@x.nl',
      naam: 'Anna',
      actief: true,
      rollen: ['beheerder@GM0505'],
    });
    const after = JSON.stringify({
      email: 'a@x.nl',
      naam: 'Anna',
      actief: false,
      rollen: ['beheerder@GM0505', 'onderzoeker@GM0505'],
    });
    assert.deepEqual(summarizeChange(before, after), [
      'actief: ja → nee',
      'rollen: erbij: onderzoeker@GM0505',
    ]);
    // A new entry lists what it holds; a date is written out; nested records go one level down.
    assert.deepEqual(summarizeChange(null, '{"verloopt":"2026-12-05T10:00:00.000Z"}'), [
      'geldig tot: 5 december 2026 om 11:00',
    ]);
    assert.deepEqual(
      summarizeChange(
        '{"catalogusversie":3,"indicator":{"key":"x","unit":"%"}}',
        '{"catalogusversie":4,"indicator":{"key":"x","unit":"aantal"}}',
      ),
      ['catalogusversie: 3 → 4', 'indicator, eenheid: % → aantal'],
    );
    assert.deepEqual(summarizeChange(null, null), []);
    // Never raw JSON: braces and quotes do not reach the reader.
    for (const line of summarizeChange(
      null,
      JSON.stringify({ leden: [{ buurt: 'BU1', status: 'lid', reden: null }], opties: { a: 1 } }),
    ))
      assert.doesNotMatch(line, /[{}"]/);
  });

  it('shows the log page in words: who, what, and what changed; no JSON, no keys', () => {
    const html = renderPage(
      AuditPage({
        municipalityCode: 'GM0505',
        page: 1,
        pageCount: 1,
        total: 2,
        records: [
          {
            id: 2,
            occurredAt: '2026-12-04T09:00:00.000Z',
            actor: 'gebruiker:0b6f-fixture Bea Beheer',
            action: 'gebruiker.uitgezet',
            entity: 'gebruiker',
            entityId: '7c1e-fixture',
            municipalityCode: 'GM0505',
            before: JSON.stringify({ email: 'h@x.nl', naam: 'Henk', actief: true, rollen: [] }),
            after: JSON.stringify({ email: 'h@x.nl', naam: 'Henk', actief: false, rollen: [] }),
          },
          {
            id: 1,
            occurredAt: '2026-12-04T08:00:00.000Z',
            actor: 'start',
            action: 'dataset.geimporteerd',
            entity: 'dataset',
            entityId: 'ds-1',
            municipalityCode: null,
            before: null,
            after: JSON.stringify({ titel: 'Kerncijfers wijken en buurten 2024', regels: 120 }),
          },
        ],
      }),
    );
    const rows = queryAll(html, 'tbody tr').map((tr) =>
      tr
        .querySelectorAll('td')
        .map((td) => textOf(td))
        .join(' | '),
    );
    assert.match(
      rows[0]!,
      /Bea Beheer \| Account uitgezet Gebruiker Henk \(h@x\.nl\) \| actief: ja → nee/,
    );
    assert.match(rows[0]!, /actief: ja → nee/);
    assert.match(rows[1]!, /Wijkkompas zelf, bij de eerste start \| Gegevens ingelezen/);
    assert.match(rows[1]!, /regels: 120/);
    const text = textOf(queryAll(html, 'main')[0]);
    assert.doesNotMatch(text, /[{}]|gebruiker\.|dataset\.|gebruiker:/);
  });
});
