/** What other features may use of the programme's money, subsidies and projects. */
export { BudgetRepository } from './budget.repository.ts';
export { BudgetService } from './budget.service.ts';
export { SubsidyRepository } from './subsidy.repository.ts';
export { SubsidyService } from './subsidy.service.ts';
export { databaseAuditWriter } from './audit-writer.ts';
export { formatEuro, parseEuro } from './money.ts';
export { ReminderService, DEFAULT_REMINDER_DAYS } from './reminder.service.ts';
export { createReminderMailer } from './reminder-mail.ts';
export { ProjectRepository } from './project.repository.ts';
export { ProjectService, type IndicatorSection } from './project.service.tsx';
export { IndicatorProjects } from './views/indicator-projects.tsx';
export { THEMES, isTheme, themeName } from './themes.ts';
