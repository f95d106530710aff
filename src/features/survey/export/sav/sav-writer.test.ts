import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { psppUnavailable, records, runPspp } from '../../../../../test/helpers/pspp.ts';
import { buildDataset } from '../dataset.ts';
import type { DatasetValue } from '../model.ts';
import { toSav } from './sav-writer.ts';

const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');

/** PSPP's DATE11 output (`15-NOV-2026`) as an ISO date. */
function isoFromPspp(text: string): string {
  const [d, mon, y] = text.split('-');
  return `${y}-${String(MONTHS.indexOf(mon!) + 1).padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

const skip = psppUnavailable();

describe('SPSS .sav read by PSPP', skip ? { skip } : {}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-sav-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // A long open answer with multi-byte characters: cut at 255 bytes, never inside a character.
  const responses = fixtureResponses();
  const longText = 'Fixture: één ' + 'ë'.repeat(200);
  responses[3]!.answers = { ...responses[3]!.answers, opmerking: longText };
  const dataset = buildDataset(fixtureQuestionnaires(), responses);
  fs.writeFileSync(path.join(dir, 'fixture.sav'), toSav(dataset));
  const run = skip
    ? undefined
    : runPspp(
        dir,
        [
          "GET FILE='fixture.sav'.",
          'DISPLAY DICTIONARY.',
          'LIST.',
          'SHOW WEIGHT.',
          'DESCRIPTIVES VARIABLES=rapportcijfer eens_buurt.',
          'MRSETS /DISPLAY NAME=ALL.',
          '',
        ].join('\n'),
      );

  it('has every variable with its Dutch label, measure level and missing codes', () => {
    const vars = records(run!, 'Variables');
    assert.deepEqual(
      vars.map((v) => v.Name),
      dataset.variables.map((v) => v.name),
    );
    for (const [i, v] of dataset.variables.entries()) {
      const read = vars[i]!;
      assert.equal(read.Label, v.label, `label of ${v.name}`);
      assert.equal(read['Measurement Level']!.toLowerCase(), v.measure, `measure of ${v.name}`);
      const missing = read['Missing Values']!;
      assert.deepEqual(
        missing === '' ? [] : missing.split(/;\s*/).map(Number),
        v.missingCodes,
        `missing values of ${v.name}`,
      );
    }
    assert.equal(vars.find((v) => v.Name === 'datum')!['Print Format'], 'DATE11');
  });

  it('has the value labels, with user-missing codes marked', () => {
    const rows = run!.tables.get('Value Labels')!;
    const read = new Map<string, { code: number; label: string; missing: boolean }[]>();
    let current = '';
    for (const [variableLabel, value, label] of rows.slice(1)) {
      if (value === undefined) continue; // the footnote line that explains [a]
      if (variableLabel) current = variableLabel;
      const list = read.get(current) ?? [];
      list.push({
        code: Number(value!.replace('[a]', '')),
        label: label!,
        missing: value!.endsWith('[a]'),
      });
      read.set(current, list);
    }
    const labelled = dataset.variables.filter((v) => v.valueLabels.length > 0);
    assert.ok(labelled.length > 10);
    for (const v of labelled) {
      assert.deepEqual(
        read.get(v.label),
        v.valueLabels.map((l) => ({ ...l, missing: v.missingCodes.includes(l.code) })),
        `value labels of ${v.name}`,
      );
    }
    // The ones that matter most, spelled out: the code mapping kept over versions.
    assert.deepEqual(
      read.get('Voelt u zich weleens onveilig in de buurt?')!.map((l) => `${l.code}=${l.label}`),
      ['1=Vaak', '2=Soms', '3=Nooit', '4=Weet ik niet', '5=Altijd'],
    );
  });

  it('holds the same data values as the dataset, system-missing where none', () => {
    const list = records(run!, 'Data List');
    assert.equal(list.length, dataset.rows.length);
    const expect = (value: DatasetValue, storage: string): string | number => {
      if (value === null) return storage === 'string' ? '' : '.';
      return value;
    };
    for (const [r, row] of dataset.rows.entries()) {
      for (const [c, v] of dataset.variables.entries()) {
        // PSPP pads an all-missing numeric column ("." plus spaces to its width).
        const got = list[r]![v.name]!.trim() === '.' ? '.' : list[r]![v.name]!;
        const want = expect(row[c]!, v.storage);
        const where = `${String(row[0])}.${v.name}`;
        if (v.name === 'opmerking' && row[0] === 'fixture-r4') continue; // checked below
        if (got === '.' || typeof want === 'string') {
          assert.equal(v.storage === 'date' && got !== '.' ? isoFromPspp(got) : got, want, where);
        } else {
          assert.equal(Number(got), want, where);
        }
      }
    }
    const cut = list[3]!.opmerking!;
    assert.ok(longText.startsWith(cut), 'the long answer is cut, not changed');
    assert.ok(Buffer.byteLength(cut) <= 255 && Buffer.byteLength(cut) >= 250);
    assert.ok(!cut.includes('\uFFFD'), 'no broken character');
    assert.equal(list[0]!.opmerking, 'Café “De Hoek”, één plek; zegt: "prima"');
  });

  it('declares each multiple-choice question as a dichotomy set counting 1', () => {
    const sets = records(run!, 'Multiple Response Sets');
    assert.equal(sets.length, 1);
    assert.equal(sets[0]!.Name, '$verbeter');
    assert.equal(sets[0]!.Label, 'Wat moet er beter?');
    assert.equal(sets[0]!['Counted Value'], '1');
    assert.deepEqual(
      sets[0]!['Member Variables']!.split('\n'),
      dataset.variables.filter((v) => v.question?.name === 'verbeter').map((v) => v.name),
    );
  });

  it('sets the weight variable: PSPP weights by gewicht and leaves out missing codes', () => {
    assert.match(run!.text, /WEIGHT is gewicht/);
    const stats = records(run!, 'Descriptive Statistics');
    const weighted = (name: string) => {
      let n = 0;
      let sum = 0;
      for (const r of responses) {
        const a = r.answers[name];
        if (typeof a !== 'number') continue; // "weet_niet" is a missing code
        n += r.weight!;
        sum += a * r.weight!;
      }
      return { n, mean: sum / n };
    };
    for (const [label, name] of [
      ['Welk rapportcijfer geeft u uw buurt?', 'rapportcijfer'],
      ['Ik woon graag in deze buurt.', 'eens_buurt'],
    ] as const) {
      const row = stats.find((s) => s[''] === label);
      assert.ok(row, `descriptives for ${name}`);
      const want = weighted(name);
      assert.ok(Math.abs(Number(row.N) - want.n) < 1e-4, `weighted N of ${name}: ${row.N}`);
      assert.ok(Math.abs(Number(row.Mean) - want.mean) < 0.005, `weighted mean of ${name}`);
    }
  });
});
