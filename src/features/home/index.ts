/** What other features may use of the start page: its render, for the page cache's warm-up. */
export { renderHomePage } from './home.page-builder.tsx';
