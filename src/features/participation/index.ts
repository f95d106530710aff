/** The participation feature's public face for the composition root and other features. */
export { ParticipationRepository } from './participation.repository.ts';
export {
  ParticipationService,
  type AuditWriter,
  type FocusAreaRef,
  type OpenSurvey,
  type ParticipationContact,
  type ParticipationDeps,
  type Transactor,
} from './participation.service.ts';
