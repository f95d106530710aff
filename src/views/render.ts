import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a page. preact escapes every text and attribute value by default. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}
