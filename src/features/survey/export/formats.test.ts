import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { buildDataset } from './dataset.ts';
import { renderSurveyExport, SURVEY_EXPORT_FORMATS, surveyExportFormatSchema } from './formats.ts';

describe('survey export formats', () => {
  const dataset = buildDataset(fixtureQuestionnaires(), fixtureResponses());

  it('renders every format with a content type and a file name from the key', async () => {
    for (const format of SURVEY_EXPORT_FORMATS) {
      const out = await renderSurveyExport(dataset, format);
      assert.ok(out.body.length > 100, `${format} has content`);
      assert.match(out.fileName, /^fixture-wijkpeiling[-.]/);
      assert.ok(out.contentType.length > 0);
    }
    const sav = await renderSurveyExport(dataset, 'sav');
    assert.equal(sav.body.subarray(0, 4).toString('latin1'), '$FL2');
    const xlsx = await renderSurveyExport(dataset, 'xlsx');
    assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');
  });

  it('refuses an unknown format with a Dutch message listing the formats', () => {
    const result = surveyExportFormatSchema.safeParse('pdf');
    assert.equal(result.success, false);
    assert.match(result.error!.issues[0]!.message, /kies een exportformaat: csv/);
  });
});
