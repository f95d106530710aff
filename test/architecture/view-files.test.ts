import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceFiles } from './source-scan.ts';
import { PAGE_FILE_ALLOWANCES, pageFileFindings, stalePageFileAllowances } from './view-files.ts';

describe('one page per view file (issue 16.4)', () => {
  const files = sourceFiles('src');

  it('finds no .page.tsx with more than one page and no page component outside a .page.tsx', () => {
    assert.deepEqual(pageFileFindings(files), []);
  });

  it('keeps no allowance a file no longer needs, and gives every allowance a reason', () => {
    assert.deepEqual(stalePageFileAllowances(files), []);
    for (const [file, reason] of Object.entries(PAGE_FILE_ALLOWANCES)) {
      assert.ok(reason.trim().length > 20, `${file}: geef een reden`);
    }
  });

  it('sees the page components it guards', () => {
    // The guard must not pass because its pattern found nothing.
    const pageFiles = files.filter((f) => f.file.endsWith('.page.tsx'));
    assert.ok(pageFiles.length >= 20, `only ${pageFiles.length} .page.tsx files found`);
    const data = files.find((f) => f.file === 'src/features/data-workspace/views/data.page.tsx');
    assert.ok(data, 'data.page.tsx is missing');
    const withPlural = [
      ...pageFiles,
      {
        file: 'src/x/views/two.page.tsx',
        text: data.text + '\nexport function OtherPage() {\n  return null;\n}\n',
      },
    ];
    assert.equal(pageFileFindings(withPlural).length, 1);
  });

  it('fails on two pages in one .page.tsx and on a page in another view file', () => {
    const two = `import { Layout } from '../../../views/layout.tsx';

export function ListPage() {
  return <Layout title="Lijst">lijst</Layout>;
}

export const EditPage = () => <Layout title="Bewerken">bewerken</Layout>;
`;
    const one = `export function ListPage() {
  return null;
}

export function formatPage(n: number): string {
  return String(n);
}

export interface ListPageProps {
  n: number;
}
`;
    assert.deepEqual(
      pageFileFindings(
        [
          { file: 'src/features/x/views/list.page.tsx', text: two },
          { file: 'src/features/x/views/x.views.tsx', text: one },
          { file: 'src/features/x/views/ok.page.tsx', text: one },
          { file: 'src/features/x/views/allowed.tsx', text: one },
        ],
        { 'src/features/x/views/allowed.tsx': 'reden genoeg voor deze test' },
      ),
      [
        'src/features/x/views/list.page.tsx:7: 2 paginacomponenten (ListPage, EditPage) in één .page.tsx; zet elke pagina in een eigen bestand',
        'src/features/x/views/x.views.tsx:1: exporteert paginacomponent ListPage maar heet niet views/<naam>.page.tsx',
      ],
    );
  });

  it('reports an allowance that is no longer needed', () => {
    assert.deepEqual(
      stalePageFileAllowances(
        [{ file: 'src/features/x/views/split.tsx', text: 'export const A = 1;\n' }],
        {
          'src/features/x/views/split.tsx': 'was eerst niet gesplitst',
          'src/features/x/views/gone.tsx': 'bestaat niet meer',
        },
      ),
      ['src/features/x/views/split.tsx', 'src/features/x/views/gone.tsx'],
    );
  });
});
