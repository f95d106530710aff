/** The Alliance feature's public face for other features and the composition root. */
export { AllianceService } from './alliance.service.ts';
export type { PublicComposition, Register } from './alliance.service.ts';
export { AllianceRepository, allianceTransaction } from './alliance.repository.ts';
export { seedAlliance } from './alliance.seed.ts';
