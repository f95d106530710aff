/** What other features may use of the shipped data: loading it (the theme card's test fixtures). */
export { seedShippedData } from './seed.service.ts';
