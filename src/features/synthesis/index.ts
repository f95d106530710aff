/** The themakaart's public face for the composition root and other features (ADR 0033). */
export { SynthesisRepository } from './synthesis.repository.ts';
export {
  SynthesisService,
  themakaartPath,
  type CodeCount,
  type EvidenceItem,
  type SurveyOutcome,
  type SynthesisDeps,
  type ThemeEvidence,
} from './synthesis.service.ts';
export { rankThemes, SOURCES, SOURCE_NAMES, SOURCE_RULES } from './synthesis-score.ts';
