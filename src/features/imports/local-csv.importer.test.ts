import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import {
  expectProblem,
  fromText,
  problemsOf,
  shipped,
} from '../../../test/fixtures/imports/problems.fixture.ts';
import { parseLocalCsv } from './local-csv.importer.ts';

const FIXTURE = 'test/fixtures/imports/lokaal-dordrecht-kengetallen.fixture.csv';
const lookup = dordrechtLookup2023();
const fixtureText = fs.readFileSync(path.join(projectRoot, FIXTURE), 'utf8');
const parse = (text: string, name = 'lokaal.csv') =>
  parseLocalCsv(fromText(name, text), lookup, { indelingYear: 2023 });

describe('parseLocalCsv', () => {
  it('reads the documented long format with teller and noemer', () => {
    const parsed = parseLocalCsv(shipped(FIXTURE), lookup, {
      indelingYear: 2023,
      source: 'Gemeente Dordrecht (begroting 2021)',
    });
    assert.equal(parsed.rowCount, 11);
    assert.equal(parsed.observations.length, 11);
    const share = parsed.observations.find(
      (o) => o.variable === 'aandeel_koopwoningen' && o.period === '2020',
    );
    assert.deepEqual(
      [share?.area_code, share?.value, share?.numerator, share?.denominator, share?.status],
      ['GM0505', 56.8, 31280, 55091, 'definitief'],
    );
    const buurt = parsed.observations.find((o) => o.area_code === 'BU05050300');
    assert.deepEqual(
      [buurt?.variable, buurt?.value, buurt?.numerator, buurt?.status],
      ['aantal_inwoners', 235, null, 'definitief'],
    );
    assert.equal(parsed.source, 'Gemeente Dordrecht (begroting 2021)');
    assert.equal(parsed.attribution, 'Bron: Gemeente Dordrecht (begroting 2021)');
    assert.equal(parsed.kind, 'local-csv');
  });

  it('accepts a comma file with a decimal point and no optional columns', () => {
    const parsed = parse(
      'gebiedscode,periode,indicator,waarde\nGM0505,2020,aandeel_koopwoningen,56.8\nGM0505,2021*,aandeel_koopwoningen,\n',
    );
    assert.deepEqual(
      parsed.observations.map((o) => [o.period, o.value, o.status]),
      [
        ['2020', 56.8, 'definitief'],
        ['2021', null, 'geheim'],
      ],
    );
  });

  it('marks a provisional period and takes an explicit status', () => {
    const parsed = parse(
      'gebiedscode;periode;indicator;waarde;status\nGM0505;2024*;x;1,5;\nGM0505;2023;x;2;geschat\nGM0505;2022;x;;geheim\n',
    );
    assert.deepEqual(
      parsed.observations.map((o) => o.status),
      ['voorlopig', 'geschat', 'geheim'],
    );
  });
});

describe('parseLocalCsv: bad input names the place', () => {
  it('missing column', () => {
    const problems = problemsOf(() =>
      parse('gebiedscode;periode;indicator;teller\nGM0505;2020;x;1\n', 'zonder-waarde.csv'),
    );
    expectProblem(problems, {
      file: 'zonder-waarde.csv',
      line: 1,
      field: 'waarde',
      message: /kolom waarde ontbreekt/,
    });
  });

  it('unknown column', () => {
    const problems = problemsOf(() =>
      parse('gebiedscode;periode;indicator;waarde;bron\nGM0505;2020;x;1;y\n', 'extra.csv'),
    );
    expectProblem(problems, {
      file: 'extra.csv',
      line: 1,
      column: 5,
      field: 'bron',
      message: /onbekende kolom "bron"/,
    });
  });

  it('wrong delimiter', () => {
    const problems = problemsOf(() => parse(fixtureText.replaceAll(';', '|'), 'pijp.csv'));
    expectProblem(problems, { file: 'pijp.csv', line: 1, message: /verkeerd scheidingsteken/ });
  });

  it('non-numeric value, teller and status problems, each with line, column and field', () => {
    const text = [
      'gebiedscode;periode;indicator;waarde;teller;noemer;status',
      'GM0505;2020;a;veel;;;',
      'GM0505;2020;b;1;2;0;',
      'GM0505;2020;c;1;;;zeker',
      'GM0505;2020;d;1;;;geheim',
      'GM0505;20-20;e;1;;;',
    ].join('\n');
    const problems = problemsOf(() => parse(text, 'fouten.csv'));
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 2,
      column: 4,
      field: 'waarde',
      message: /geen getal: "veel"/,
    });
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 3,
      column: 6,
      field: 'noemer',
      message: /noemer is 0/,
    });
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 4,
      column: 7,
      field: 'status',
      message: /onbekende status "zeker"/,
    });
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 5,
      column: 7,
      field: 'status',
      message: /status is geheim, maar er staat wel een waarde/,
    });
    expectProblem(problems, {
      file: 'fouten.csv',
      line: 6,
      column: 2,
      field: 'periode',
      message: /onbekende periode "20-20"/,
    });
  });

  it('duplicate rows name both lines', () => {
    const problems = problemsOf(() =>
      parse(`${fixtureText}GM0505;2018;woningen_totaal;54928;;;definitief\n`, 'dubbel.csv'),
    );
    expectProblem(problems, {
      file: 'dubbel.csv',
      line: 13,
      column: 1,
      field: 'gebiedscode',
      message: /woningen_totaal, GM0505, periode 2018 staat al op regel 4 \(en nu op regel 13\)/,
    });
  });

  it('unknown area code and wrong indeling year', () => {
    const unknown = problemsOf(() =>
      parse('gebiedscode;periode;indicator;waarde\nBU05050399;2023;x;1\n', 'onbekend.csv'),
    );
    expectProblem(unknown, {
      file: 'onbekend.csv',
      line: 2,
      column: 1,
      field: 'gebiedscode',
      message: /onbekende gebiedscode: BU05050399 bestaat niet in indeling 2023/,
    });
    const wrongYear = problemsOf(() =>
      parseLocalCsv(shipped(FIXTURE), lookup, { indelingYear: 2024 }),
    );
    expectProblem(wrongYear, {
      file: 'lokaal-dordrecht-kengetallen.fixture.csv',
      line: 10,
      column: 1,
      field: 'gebiedscode',
      message: /BU05050300 bestaat niet in indeling 2024; wel in 2023/,
    });
  });

  it('truncated, empty, header-only and oversized input', () => {
    expectProblem(
      problemsOf(() => parse(fixtureText.slice(0, fixtureText.length - 8), 'kort.csv')),
      { file: 'kort.csv', line: 12, message: /bestand lijkt afgebroken/ },
    );
    expectProblem(
      problemsOf(() => parse('', 'leeg.csv')),
      { file: 'leeg.csv', message: /het bestand is leeg/ },
    );
    expectProblem(
      problemsOf(() => parse('gebiedscode;periode;indicator;waarde\n', 'kop.csv')),
      { file: 'kop.csv', line: 2, message: /alleen een kopregel/ },
    );
    const big = problemsOf(() =>
      parse(
        `gebiedscode;periode;indicator;waarde\nGM0505;2020;${'x'.repeat(10_001)};1\n`,
        'groot.csv',
      ),
    );
    expectProblem(big, {
      file: 'groot.csv',
      line: 2,
      column: 3,
      field: 'indicator',
      message: /veld is te lang/,
    });
  });
});
