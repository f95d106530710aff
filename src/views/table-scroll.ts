/**
 * The attributes of the box a wide table scrolls in (WCAG 2.1.1, axe
 * `scrollable-region-focusable`): keyboard users can focus the box and scroll it with the arrow
 * keys, and a screen reader announces it as a region named after the table. Spread them onto the
 * wrapper: `<div {...tableScroll('Buurten van Dordt West')}>`. Pass the table's caption text.
 */
export function tableScroll(label: string) {
  return {
    class: 'wk-table-scroll',
    tabIndex: 0,
    role: 'region',
    'aria-label': label,
  } as const;
}
