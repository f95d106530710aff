/** The project types views may use; the repository stays out of the view layer (ADR 0023). */
export type { Project } from './project.repository.ts';
