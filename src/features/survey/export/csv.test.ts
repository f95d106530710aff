import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { codebookCsv, codebookMarkdown } from './codebook.ts';
import { toDatasetCsv } from './csv.ts';
import { buildDataset } from './dataset.ts';

const dataset = buildDataset(fixtureQuestionnaires(), fixtureResponses());

function readBack(csv: string): Record<string, string>[] {
  return parse(csv, { bom: true, columns: true }) as Record<string, string>[];
}

describe('survey export CSV', () => {
  const csv = toDatasetCsv(dataset);
  const rows = readBack(csv);
  const byId = (id: string) => rows.find((r) => r.respons_id === id)!;

  it('is UTF-8 with a byte order mark, CRLF, one row per response', () => {
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(rows.length, fixtureResponses().length);
    assert.deepEqual(
      Object.keys(rows[0]!),
      dataset.variables.map((v) => v.name),
    );
  });

  it('splits multiple choice into 0/1 columns, empty where not answered or not offered', () => {
    const r1 = byId('fixture-r1');
    assert.equal(r1.verbeter_groen, '1');
    assert.equal(r1.verbeter_verlichting, '0');
    assert.equal(r1.verbeter_speelplek, '1');
    assert.equal(r1.verbeter_fietspad, '');
    assert.equal(byId('fixture-r2').verbeter_groen, '');
    assert.equal(byId('fixture-r3').verbeter_fietspad, '1');
  });

  it('reads back codes, numbers, dates and awkward text unchanged', () => {
    const r1 = byId('fixture-r1');
    assert.equal(r1.veilig_voelen, '2');
    assert.equal(r1.gewicht, '1.25');
    assert.equal(r1.datum, '2026-11-15');
    assert.equal(r1.opmerking, 'Café “De Hoek”, één plek; zegt: "prima"');
    assert.equal(byId('fixture-r2').opmerking, 'Twee regels:\nhier de tweede');
    assert.equal(byId('fixture-r2').eens_buurt, '9');
    assert.equal(byId('fixture-r3').woonbuurt, '3314AB');
    // A formula-like answer is kept as text: spreadsheets do not run it.
    assert.equal(byId('fixture-r4').opmerking, "'=SOM(A1:A2)");
  });
});

describe('survey export codebook', () => {
  const rows = readBack(codebookCsv(dataset));
  const row = (name: string) => rows.find((r) => r.variabele === name)!;

  it('has one row per variable with label, type, codes, missing codes and versions', () => {
    assert.deepEqual(
      rows.map((r) => r.variabele),
      dataset.variables.map((v) => v.name),
    );
    const safe = row('veilig_voelen');
    assert.equal(safe.label, 'Voelt u zich weleens onveilig in de buurt?');
    assert.equal(safe.vraagtekst, 'Voelt u zich weleens onveilig in de buurt?');
    assert.equal(safe.thema, 'Veiligheid en leefbaarheid');
    assert.equal(safe.waarden, '1 = Vaak; 2 = Soms; 3 = Nooit; 4 = Weet ik niet; 5 = Altijd');
    assert.equal(safe.ontbrekend, '4');
    assert.equal(safe.versies, '1, 2');
    assert.equal(row('verbeter_fietspad').versies, '2');
    assert.equal(row('verbeter_fietspad').vraag, 'verbeter');
    assert.match(row('verbeter_fietspad').type!, /0\/1|gekozen/);
    assert.match(row('gewicht').type!, /weegvariabele/);
    assert.equal(row('eens_buurt').ontbrekend, '9');
  });

  it('as Markdown: a table row per variable, pipes escaped', () => {
    const md = codebookMarkdown(dataset);
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    assert.equal(tableRows.length, dataset.variables.length + 1);
    const [v1] = fixtureQuestionnaires();
    v1!.groups[0]!.questions[0]!.text = { nl: 'Fixture | met streep' };
    const piped = codebookMarkdown(buildDataset([v1!], []));
    assert.match(piped, /\| rapportcijfer \| Fixture \\\| met streep \|/);
    assert.match(md, /\| veilig_voelen \| Voelt u zich weleens onveilig in de buurt\? \|/);
    assert.match(md, /weegvariabele is `gewicht`/);
  });
});
