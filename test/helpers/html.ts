/**
 * Queries over markup for tests that assert structure: "the row of this indicator has this
 * cell", "the table has a row 2023 | Dordt West | gebied | 28.740". A regular expression over
 * HTML breaks on an added attribute or line break and passes on text in the wrong element; a
 * parsed tree does neither. Text is the text content with whitespace (also no-break spaces)
 * collapsed to one space, entities decoded.
 */
import assert from 'node:assert/strict';
import { parse, type HTMLElement } from 'node-html-parser';

export type { HTMLElement } from 'node-html-parser';

/** Parses a whole page or a fragment. */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false });
}

function rootOf(html: string | HTMLElement): HTMLElement {
  return typeof html === 'string' ? parseHtml(html) : html;
}

/** Every element matching a CSS selector. */
export function queryAll(html: string | HTMLElement, selector: string): HTMLElement[] {
  return rootOf(html).querySelectorAll(selector);
}

/** The one element matching `selector`; fails the test when there is none or more than one. */
export function queryOne(html: string | HTMLElement, selector: string): HTMLElement {
  const found = queryAll(html, selector);
  assert.equal(found.length, 1, `${found.length} elementen voor "${selector}", verwacht 1`);
  return found[0]!;
}

/** Text content with runs of whitespace collapsed to one space, trimmed. */
export function textOf(element: HTMLElement | undefined | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The cells' texts of every row of a table (th and td), e.g. to find one row by its values. */
export function tableRows(table: HTMLElement): string[][] {
  return table
    .querySelectorAll('tr')
    .map((tr) => tr.querySelectorAll('th, td').map((cell) => textOf(cell)));
}

/** Whether any table on the page has a row that starts with these cell texts. */
export function hasRowStartingWith(html: string | HTMLElement, cells: readonly string[]): boolean {
  return queryAll(html, 'table').some((table) =>
    tableRows(table).some((row) => cells.every((c, i) => row[i] === c)),
  );
}
