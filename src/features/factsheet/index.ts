/** What other features may use of the factsheet: fetching an app page for the PDF renderer. */
export { appPageFetcher } from './factsheet.pdf.ts';
