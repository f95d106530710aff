import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { queryAll, queryOne, textOf } from '../../../test/helpers/html.ts';
import { Breadcrumbs } from './breadcrumbs.tsx';

describe('Breadcrumbs', () => {
  it('is a navigation landmark "Kruimelpad" with an ordered list of links', () => {
    const html = render(
      <Breadcrumbs
        items={[
          { href: '/werkruimte', label: 'Werkruimte' },
          { href: '/werkruimte/GM0505/programma', label: 'Programma & <geld>', current: true },
        ]}
      />,
    );
    const nav = queryOne(html, 'nav');
    assert.equal(nav.attributes['aria-label'], 'Kruimelpad');
    const links = queryAll(html, 'nav > ol > li > a');
    assert.deepEqual(
      links.map((a) => [textOf(a), a.attributes.href, a.attributes['aria-current']]),
      [
        ['Werkruimte', '/werkruimte', undefined],
        ['Programma & <geld>', '/werkruimte/GM0505/programma', 'page'],
      ],
    );
    assert.match(html, /Programma &amp; &lt;geld>/, 'labels are escaped');
  });

  it('marks no crumb as the current page unless told (a trail may end at the parent page)', () => {
    const html = render(<Breadcrumbs items={[{ href: '/a', label: 'A' }]} />);
    assert.doesNotMatch(html, /aria-current/);
  });

  it('renders nothing for an empty trail, so no empty landmark', () => {
    assert.equal(render(<Breadcrumbs items={[]} />), '');
  });
});
