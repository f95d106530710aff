import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { queryAll, queryOne, textOf } from '../../../test/helpers/html.ts';
import {
  DataTable,
  Table,
  TableCaption,
  TableScroll,
  TBody,
  Td,
  TFoot,
  Th,
  THead,
  Tr,
} from './data-table.tsx';

interface Row {
  name: string;
  count: number | null;
}

const rows: Row[] = [
  { name: 'Wielwijk', count: 1234 },
  { name: '<b>Crabbehof</b>', count: null },
];

function table(scroll?: boolean) {
  return render(
    <DataTable
      caption="Inwoners per buurt"
      scroll={scroll}
      rows={rows}
      rowProps={(r) => ({ 'data-buurt': r.name })}
      columns={[
        { label: 'Buurt', rowHeader: true, cell: (r) => r.name },
        { label: 'Inwoners', num: true, cell: (r) => r.count ?? 'niet geladen' },
      ]}
    />,
  );
}

describe('DataTable', () => {
  it('has a visible caption, column headers with scope="col" and a row header per row', () => {
    const html = table();
    assert.equal(textOf(queryOne(html, 'table > caption')), 'Inwoners per buurt');
    const heads = queryAll(html, 'thead th');
    assert.deepEqual(
      heads.map((h) => [textOf(h), h.attributes.scope]),
      [
        ['Buurt', 'col'],
        ['Inwoners', 'col'],
      ],
    );
    const rowHeads = queryAll(html, 'tbody th');
    assert.deepEqual(
      rowHeads.map((h) => [textOf(h), h.attributes.scope]),
      [
        ['Wielwijk', 'row'],
        ['<b>Crabbehof</b>', 'row'],
      ],
    );
    assert.match(html, /&lt;b>Crabbehof&lt;\/b>/, 'cell text is escaped');
    assert.deepEqual(
      queryAll(html, 'tbody tr').map((r) => r.attributes['data-buurt']),
      ['Wielwijk', '<b>Crabbehof</b>'],
    );
  });

  it('right-aligns a numeric column, header and cells (wk-num)', () => {
    const html = table();
    const numHead = queryAll(html, 'thead th')[1]!;
    assert.equal(numHead.attributes.class, 'utrecht-table__header-cell wk-num');
    assert.deepEqual(
      queryAll(html, 'tbody td').map((c) => c.attributes.class),
      ['utrecht-table__cell wk-num', 'utrecht-table__cell wk-num'],
    );
    assert.equal(queryAll(html, 'thead th')[0]!.attributes.class, 'utrecht-table__header-cell');
  });

  it('with scroll: a focusable region named after the caption around the table', () => {
    const html = table(true);
    const region = queryOne(html, 'div.wk-table-scroll');
    assert.equal(region.attributes.role, 'region');
    assert.equal(region.attributes.tabindex, '0');
    assert.equal(region.attributes['aria-label'], 'Inwoners per buurt');
    assert.ok(html.startsWith('<div'), 'the region wraps the table');
    assert.doesNotMatch(table(false), /wk-table-scroll|role="region"/);
  });

  it('TableScroll alone: the same region, with data attributes passed on', () => {
    const html = render(
      <TableScroll label="Antwoorden" data-result="veilig">
        <p>x</p>
      </TableScroll>,
    );
    assert.equal(
      html,
      '<div class="wk-table-scroll" tabindex="0" role="region" aria-label="Antwoorden" data-result="veilig"><p>x</p></div>',
    );
  });
});

describe('table parts', () => {
  it('add the Utrecht class before any extra class and keep every other attribute', () => {
    const html = render(
      <Table class="wk-profile-table" data-table="x">
        <TableCaption>Titel</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Naam</Th>
            <Th scope="col" num>
              Aantal
            </Th>
          </Tr>
        </THead>
        <TBody>
          <Tr class="wk-total" data-row="1">
            <Th scope="row" colSpan={1}>
              Totaal
            </Th>
            <Td num class="wk-muted" data-cell="n">
              3
            </Td>
          </Tr>
        </TBody>
        <TFoot>
          <Tr>
            <Td colSpan={2}>Voet</Td>
          </Tr>
        </TFoot>
      </Table>,
    );
    assert.equal(
      html,
      '<table class="utrecht-table wk-profile-table" data-table="x">' +
        '<caption class="utrecht-table__caption">Titel</caption>' +
        '<thead class="utrecht-table__header"><tr class="utrecht-table__row">' +
        '<th class="utrecht-table__header-cell" scope="col">Naam</th>' +
        '<th class="utrecht-table__header-cell wk-num" scope="col">Aantal</th></tr></thead>' +
        '<tbody class="utrecht-table__body"><tr class="utrecht-table__row wk-total" data-row="1">' +
        '<th class="utrecht-table__header-cell" scope="row" colspan="1">Totaal</th>' +
        '<td class="utrecht-table__cell wk-num wk-muted" data-cell="n">3</td></tr></tbody>' +
        '<tfoot class="utrecht-table__footer"><tr class="utrecht-table__row">' +
        '<td class="utrecht-table__cell" colspan="2">Voet</td></tr></tfoot></table>',
    );
  });
});
