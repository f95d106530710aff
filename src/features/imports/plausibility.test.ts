import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { dordrechtLookup2023 } from '../../../test/fixtures/imports/area-lookup.fixture.ts';
import { problemsOf } from '../../../test/fixtures/imports/problems.fixture.ts';
import { parseUpload, type UploadOptions } from './parse-upload.ts';
import { largeChange, shippedPlausibility } from './plausibility.ts';

const lookup = dordrechtLookup2023();
const lokaal = (text: string, options: Partial<UploadOptions> = {}, name = 'lokaal.csv') =>
  parseUpload('lokaal', Buffer.from(text), name, { indelingYear: 2023, ...options }, lookup);
const politie = (rows: string, options: Partial<UploadOptions> = {}) =>
  parseUpload(
    'politie',
    Buffer.from(`SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven\n${rows}`),
    'politie.csv',
    { indelingYear: 2023, ...options },
    lookup,
  );

describe('plausibility of imported figures (issue 11.9)', () => {
  it('refuses a population of −5 with file, line, column and field', () => {
    const problems = problemsOf(() =>
      lokaal('gebiedscode;periode;indicator;waarde\nBU05050300;2023;aantal_inwoners;-5\n'),
    );
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.field]),
      [['lokaal.csv', 2, 4, 'waarde']],
    );
    assert.match(problems[0]!.message, /aantal en kan niet negatief zijn \(-5\)/);
  });

  it('refuses 12.5 crimes and an unknown crime type, naming line and column', () => {
    const problems = problemsOf(() =>
      politie('0.0.0;BU05050300;2023JJ00;12,5\n9.9.9;BU05050300;2023JJ00;3\n'),
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.field]),
      [
        [2, 4, 'GeregistreerdeMisdrijven'],
        [3, 1, 'SoortMisdrijf'],
      ],
    );
    assert.match(problems[0]!.message, /heel getal zijn, niet 12,5/);
    assert.match(problems[1]!.message, /onbekende soort misdrijf "9\.9\.9"/);
    // Known codes still load.
    const ok = politie('0.0.0;BU05050300;2023JJ00;12\n1.1.1;BU05050300;2023JJ00;2\n');
    assert.equal(ok.observations.length, 2);
  });

  it('refuses teller > noemer and a share over 100', () => {
    const problems = problemsOf(() =>
      lokaal(
        'gebiedscode;periode;indicator;waarde;teller;noemer\n' +
          'GM0505;2020;aandeel_koopwoningen;56,8;60000;55091\n' +
          'GM0505;2021;aandeel_koopwoningen;140;;\n',
      ),
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.field]),
      [
        [2, 'teller'],
        [3, 'waarde'],
      ],
    );
    assert.match(problems[0]!.message, /teller \(60\.000\) is groter dan noemer \(55\.091\)/);
    assert.match(problems[1]!.message, /tussen 0 en 100/);
  });

  it('declares every count the catalogue reads as a whole number of 0 or more', () => {
    const rules = shippedPlausibility();
    for (const v of [
      'AantalInwoners',
      'GeregistreerdeMisdrijven',
      'GeregistreerdeMisdrijven.1.1.1',
    ])
      assert.equal(rules.kindOf(v), 'aantal', v);
    assert.equal(rules.kindOf('PercentagePersonen65JaarEnOuder'), 'percentage');
    assert.ok(rules.isKnownCrimeType('0.0.0'));
    assert.ok(!rules.isKnownCrimeType('9.9.9'));
  });

  it('refuses an impossible value in a PDOK file, naming the feature and attribute', () => {
    const text = fs.readFileSync(
      path.join(projectRoot, 'datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson'),
      'utf8',
    );
    const bad = text.replace(/"aantalInwoners":"(\d+)"/, '"aantalInwoners":"-5"');
    assert.notEqual(bad, text);
    const problems = problemsOf(() =>
      parseUpload(
        'pdok',
        Buffer.from(bad),
        'buurten.geojson',
        { indelingYear: 2023, level: 'buurt' },
        lookup,
      ),
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, 'buurten.geojson');
    assert.match(problems[0]!.field ?? '', /^features\[\d+\]\.properties\.aantalInwoners$/);
    assert.match(problems[0]!.message, /aantal en kan niet negatief zijn/);
  });

  it('says a change of more than 25 % in words', () => {
    assert.equal(largeChange(122070, 5), '122.070 → 5: −100%');
    assert.equal(largeChange(100, 130), '100 → 130: +30%');
    assert.equal(largeChange(100, 125), undefined);
    assert.equal(largeChange(null, 5), undefined);
  });
});

describe('local figures never pose as CBS figures (issue 11.10)', () => {
  const row = 'gebiedscode;periode;indicator;waarde\nBU05050300;2023;AantalInwoners;240\n';

  it('refuses a local row for a CBS variable unless the import says it replaces CBS', () => {
    const problems = problemsOf(() => lokaal(row));
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.field]),
      [['lokaal.csv', 2, 3, 'indicator']],
    );
    assert.match(problems[0]!.message, /AantalInwoners is een CBS-variabele/);
    // Politie crime types count as CBS (CBS/Politie) too.
    assert.throws(() =>
      lokaal(
        'gebiedscode;periode;indicator;waarde\nBU05050300;2023;GeregistreerdeMisdrijven.1.1.1;2\n',
      ),
    );
  });

  it('accepts it with the explicit choice and names the local source', () => {
    const parsed = lokaal(row, { replacesCbs: true, source: 'Gemeente Dordrecht, BRP' });
    assert.equal(parsed.observations.length, 1);
    assert.equal(parsed.source, 'Gemeente Dordrecht, BRP');
    assert.equal(parsed.attribution, 'Bron: Gemeente Dordrecht, BRP (vervangt CBS-cijfers)');
    assert.equal(parsed.options.replacesCbs, 'ja');
  });
});

describe('municipal scope in the importers (issue 11.4)', () => {
  it('refuses politie rows of another municipality with line and code', () => {
    const problems = problemsOf(() =>
      politie('0.0.0;BU05050300;2023JJ00;12\n', { municipalityCode: 'GM0599' }),
    );
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.field]),
      [['politie.csv', 2, 'WijkenEnBuurten']],
    );
    assert.match(problems[0]!.message, /gebied BU05050300 ligt buiten GM0599/);
  });

  it('refuses a local row of another municipality, and NL00 from a municipality', () => {
    const problems = problemsOf(() =>
      lokaal('gebiedscode;periode;indicator;waarde\nBU05050300;2023;x;1\nNL00;2023;x;1\n', {
        municipalityCode: 'GM0599',
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 3],
    );
    assert.match(problems[1]!.message, /NL00 \(Nederland\) is een landelijk gebied/);
  });

  it('lets a national import (no municipality, or NL00) write every area', () => {
    const text = 'gebiedscode;periode;indicator;waarde\nBU05050300;2023;x;1\nNL00;2023;x;1\n';
    assert.equal(lokaal(text).observations.length, 2);
    assert.equal(lokaal(text, { scope: 'NL00' }).observations.length, 2);
  });
});
