/** The coding feature's public face for the composition root and other features (ADR 0031). */
export { CodingRepository } from './coding.repository.ts';
export { CodingService, type CodingDeps } from './coding.service.ts';
export { cohensKappa } from './kappa.ts';
