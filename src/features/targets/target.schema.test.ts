import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { parseTargetsFile, TargetsFileError } from './target.schema.ts';
import { DEFAULT_TARGETS_FILE, loadTargetsFile } from './target.service.ts';

const gap = {
  focusAreaSlug: 'dordt-west',
  indicatorKey: 'overgewicht',
  kind: 'gap',
  reference: 'nederland',
  gapShare: 1,
  baselinePeriod: '2023',
  targetYear: 2043,
  isExample: true,
  note: 'fixture',
};

function problemsOf(raw: unknown): { field?: string; message: string }[] {
  try {
    parseTargetsFile(raw, 'targets-fixture.json');
  } catch (error) {
    assert.ok(error instanceof TargetsFileError);
    assert.match(error.message, /targets-fixture\.json/);
    return error.problems;
  }
  assert.fail('expected the file to be refused');
}

describe('example targets for Dordt West', () => {
  const catalogue = loadCatalogue();
  const targets = loadTargetsFile(DEFAULT_TARGETS_FILE, catalogue);

  it('name only indicators that exist in the catalogue', () => {
    const keys = new Set(catalogue.indicators.map((i) => i.key));
    const unknown = targets.filter((t) => !keys.has(t.indicatorKey));
    assert.deepEqual(unknown, []);
  });

  it('cover every indicator with a direction, except counts (a count is not comparable with NL)', () => {
    const expected = catalogue.indicators
      .filter((i) => i.polarity !== 'neutraal' && i.measure.type !== 'count')
      .map((i) => i.key)
      .sort();
    assert.ok(expected.length > 0);
    assert.deepEqual(targets.map((t) => t.indicatorKey).sort(), expected);
  });

  it('are all "NL level within 20 years" examples from the 2023 baseline', () => {
    for (const t of targets) {
      assert.equal(t.focusAreaSlug, 'dordt-west');
      assert.equal(t.kind, 'gap');
      assert.equal(t.reference, 'nederland');
      assert.equal(t.gapShare, 1);
      assert.equal(t.baselinePeriod, '2023');
      assert.equal(t.targetYear, 2043);
      assert.equal(t.isExample, true);
      assert.equal(t.note, 'Voorbeeld: nog niet vastgesteld door de Alliantie');
    }
  });
});

describe('targets file schema', () => {
  it('reads a valid file', () => {
    const [t] = parseTargetsFile({ description: 'fixture', targets: [gap] }, 'x.json');
    assert.equal(t?.gapShare, 1);
    assert.equal(t?.targetValue, undefined);
  });

  it('names the field a kind needs and the field that does not belong', () => {
    const rest: Record<string, unknown> = { ...gap };
    delete rest.reference;
    const problems = problemsOf({
      description: 'fixture',
      targets: [rest, { ...gap, indicatorKey: 'rookt', kind: 'guard' }],
    });
    assert.ok(
      problems.some(
        (p) => p.field === 'targets[0] (overgewicht).reference' && /nodig/.test(p.message),
      ),
      JSON.stringify(problems),
    );
    assert.ok(
      problems.some(
        (p) => p.field === 'targets[1] (rookt).gapShare' && /hoort niet/.test(p.message),
      ),
      JSON.stringify(problems),
    );
  });

  it('refuses a target year before the baseline, an unknown kind and a typo', () => {
    const problems = problemsOf({
      description: 'fixture',
      targets: [
        { ...gap, targetYear: 2020 },
        { ...gap, indicatorKey: 'rookt', kind: 'halveren' },
        { ...gap, indicatorKey: 'ernstig-eenzaam', gapshare: 1 },
      ],
    });
    const messages = problems.map((p) => `${p.field}: ${p.message}`).join('\n');
    assert.match(messages, /targets\[0\] \(overgewicht\)\.targetYear: het doeljaar moet na/);
    assert.match(messages, /targets\[1\] \(rookt\)\.kind: ongeldige waarde/);
    assert.match(messages, /targets\[2\] \(ernstig-eenzaam\): onbekend veld: gapshare/);
  });

  it('refuses two targets for the same indicator in the same focus area', () => {
    const problems = problemsOf({ description: 'fixture', targets: [gap, gap] });
    assert.equal(problems[0]?.field, 'targets[1] (overgewicht).indicatorKey');
    assert.match(problems[0]?.message ?? '', /er staat al een doel/);
  });

  it('refuses an indicator that is not in the catalogue, naming file and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-targets-fixture-'));
    try {
      const file = path.join(dir, 'targets-fixture.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          description: 'fixture',
          targets: [{ ...gap, indicatorKey: 'bestaat-niet' }],
        }),
      );
      assert.throws(
        () => loadTargetsFile(file),
        (error: unknown) =>
          error instanceof TargetsFileError &&
          /targets-fixture\.json/.test(error.message) &&
          error.problems[0]?.field === 'targets[0] (bestaat-niet).indicatorKey' &&
          /niet in de indicatorcatalogus/.test(error.problems[0].message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
