import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceFiles } from './source-scan.ts';
import { viewKitFindings } from './view-kit.ts';

describe('the shared view kit is used, not copied (issue 16.4)', () => {
  const files = sourceFiles('src');

  it('finds no raw utrecht-table class, own scroll box, table without caption, own breadcrumb trail or own Field outside src/views/components/', () => {
    assert.deepEqual(viewKitFindings(files), []);
  });

  it('sees the files it guards', () => {
    // The guard must not pass because it read nothing: the kit itself holds every pattern.
    const kit = files.filter((f) => f.file.startsWith('src/views/components/'));
    assert.ok(kit.some((f) => f.text.includes('utrecht-table__cell')));
    assert.ok(kit.some((f) => f.text.includes('aria-label="Kruimelpad"')));
    assert.ok(kit.some((f) => /function Field\(/.test(f.text)));
    assert.ok(files.length > 200, `only ${files.length} files read`);
  });

  it('fails on a raw table class, an own breadcrumb nav and an own Field, naming file and line', () => {
    const view = `import { fieldId } from '../../../views/components/form.tsx';

export function ListPage() {
  return (
    <div>
      <nav aria-label="Kruimelpad">
        <ol />
      </nav>
      <table class="utrecht-table">
        <tr class="utrecht-table__row" />
      </table>
    </div>
  );
}

function Field(props: { name: string; error?: string }) {
  return (
    <div class={\`utrecht-form-field\${props.error ? ' utrecht-form-field--invalid' : ''}\`}>
      <label for={fieldId(props.name)} />
    </div>
  );
}

export const InputField = (props: { name: string }) => (
  <div class="utrecht-form-field-error-message" id={props.name} />
);
`;
    const findings = viewKitFindings([{ file: 'src/features/x/views/list.page.tsx', text: view }]);
    assert.deepEqual(
      findings.map((f) => f.split(': ')[0]),
      [
        'src/features/x/views/list.page.tsx:9',
        'src/features/x/views/list.page.tsx:10',
        'src/features/x/views/list.page.tsx:6',
        'src/features/x/views/list.page.tsx:16',
        'src/features/x/views/list.page.tsx:24',
      ],
    );
    assert.match(findings[0]!, /Table of DataTable/);
    assert.match(findings[2]!, /kruimelpad/);
    assert.match(findings[3]!, /eigen veldcomponent Field/);
    assert.match(findings[4]!, /eigen veldcomponent InputField/);
  });

  it('fails on a scroll box of its own and on a table without a caption', () => {
    const view = `export function ListPage() {
  return (
    <div class="wk-table-scroll">
      <Table>
        <THead />
      </Table>
      <Table>
        <TableCaption>Buurten</TableCaption>
        <TBody />
      </Table>
    </div>
  );
}
`;
    const findings = viewKitFindings([{ file: 'src/features/x/views/list.page.tsx', text: view }]);
    assert.equal(findings.length, 2, findings.join('\n'));
    assert.match(findings[0]!, /^src\/features\/x\/views\/list\.page\.tsx:3: .*TableScroll/);
    assert.match(
      findings[1]!,
      /^src\/features\/x\/views\/list\.page\.tsx:4: tabel zonder zichtbaar bijschrift/,
    );
  });

  it('allows a field component that wraps the shared Field, and the kit itself', () => {
    const wrapper = `import { Field } from '../../../views/components/field.tsx';

export function InputField(props: { name: string; label: string }) {
  return (
    <Field name={props.name} label={props.label}>
      <input name={props.name} />
    </Field>
  );
}
`;
    assert.deepEqual(
      viewKitFindings([
        { file: 'src/features/x/views/fields.tsx', text: wrapper },
        { file: 'src/views/components/data-table.tsx', text: '<table class="utrecht-table">' },
      ]),
      [],
    );
  });
});
