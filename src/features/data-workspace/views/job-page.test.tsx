import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPage } from '../../../views/render.ts';
import type { ImportJob } from '../import-jobs.ts';
import { JobPage } from './job.page.tsx';

const job = (over: Partial<ImportJob>): ImportJob => ({
  id: '00000000-0000-4000-8000-000000000000',
  municipalityCode: 'GM0505',
  fileName: 'groot.csv',
  state: 'bezig',
  done: 250,
  total: 1000,
  startedAt: new Date(),
  ...over,
});

function render(j: ImportJob, autoRefresh = true): string {
  return renderPage(
    <JobPage
      base="/werkruimte/GM0505/data"
      municipalityCode="GM0505"
      job={j}
      selfUrl="/werkruimte/GM0505/data/taak/x"
      autoRefresh={autoRefresh}
    />,
  );
}

describe('JobPage', () => {
  it('shows rows done of total and refreshes itself without JavaScript while busy', () => {
    const html = render(job({}));
    assert.match(html, /<head>.*<meta http-equiv="refresh" content="2"\/?>.*<\/head>/s);
    assert.match(html, /250 van 1\.000 waarden opgeslagen \(\s*25%\)/);
    assert.match(html, /<progress max="1000" value="250"/);
    assert.doesNotMatch(html, /<script/);
  });

  it('stops refreshing on request and when done', () => {
    assert.doesNotMatch(render(job({}), false), /http-equiv/);
    const done = render(
      job({
        state: 'klaar',
        done: 1000,
        outcome: {
          status: 'geimporteerd',
          datasetId: 'd1',
          observations: 1000,
          areas: 0,
          rows: 1000,
        },
      }),
    );
    assert.doesNotMatch(done, /http-equiv/);
    assert.match(done, /Het bestand is geladen/);
    assert.match(done, /href="\/werkruimte\/GM0505\/data\/d1"/);
  });
});
