/** The council-letter feature's public face for the composition root and the CLI. */
export {
  CouncilLetterService,
  CouncilMomentReminders,
  type ReminderMailer,
} from './council-letter.service.ts';
export { CouncilLetterRepository, councilLetterTransaction } from './council-letter.repository.ts';
export type {
  AllianceFigures,
  BudgetFigures,
  LetterSources,
  MonitorFigures,
  ParticipationFigures,
} from './live-blocks.ts';
