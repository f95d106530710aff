import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { queryAll, queryOne, textOf } from '../../../test/helpers/html.ts';
import { DownloadLinks, formatLinks, TABLE_FORMATS } from './download-links.tsx';

describe('DownloadLinks', () => {
  it('inline: one sentence with the intro and a named link per file', () => {
    const html = render(
      <DownloadLinks
        intro="Download deze cijfers:"
        links={formatLinks('/gebieden/dordt-west', TABLE_FORMATS)}
      />,
    );
    const p = queryOne(html, 'p[data-downloads]');
    assert.equal(textOf(p), 'Download deze cijfers: CSV, CSV voor Nederlandse Excel, JSON.');
    assert.deepEqual(
      queryAll(p, 'a').map((a) => [textOf(a), a.attributes.href]),
      [
        ['CSV', '/gebieden/dordt-west?formaat=csv'],
        ['CSV voor Nederlandse Excel', '/gebieden/dordt-west?formaat=csv-excel'],
        ['JSON', '/gebieden/dordt-west?formaat=json'],
      ],
    );
  });

  it('formatLinks adds the format with & when the address already has a query', () => {
    assert.deepEqual(formatLinks('/gebieden?indicator=x', [{ format: 'csv', label: 'CSV' }]), [
      { href: '/gebieden?indicator=x&formaat=csv', label: 'CSV' },
    ]);
  });

  it('list: a list item per link; labels and addresses are escaped', () => {
    const html = render(
      <DownloadLinks
        list
        links={[
          { href: '/a?x="1"', label: '<SPSS>' },
          { href: '/b', label: 'R' },
        ]}
      />,
    );
    assert.deepEqual(
      queryAll(html, 'ul[data-downloads] > li > a').map((a) => textOf(a)),
      ['<SPSS>', 'R'],
    );
    assert.doesNotMatch(html, /<SPSS>|"1"/);
  });

  it('renders nothing without links', () => {
    assert.equal(render(<DownloadLinks intro="Download:" links={[]} />), '');
  });
});
