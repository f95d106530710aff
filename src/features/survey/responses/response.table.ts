import type { Channel, ResponseSource } from '../definition/questionnaire.schema.ts';
import type { Generated, Selectable } from 'kysely';

export { RESPONSE_SOURCES, type ResponseSource } from '../definition/questionnaire.schema.ts';

/**
 * concept: web respondent still busy; ingediend: web response sent (counts at once);
 * te_controleren: interviewer or keyed response waiting for approval; goedgekeurd / afgekeurd.
 */
export type ResponseStatus =
  'concept' | 'ingediend' | 'te_controleren' | 'goedgekeurd' | 'afgekeurd';
/** The statuses whose responses count in results, exports and the monitor. */
export const COUNTED_STATUSES: readonly ResponseStatus[] = ['ingediend', 'goedgekeurd'];

export interface SurveyQuestionnaireVersionTable {
  questionnaire_key: string;
  version: number;
  definition: string;
  loaded_at: string;
}

export interface SurveyResponseTable {
  id: string;
  questionnaire_key: string;
  version: number;
  channel: Channel;
  /** How it came in (migration 0201); says that a code was used, never which. */
  source: ResponseSource;
  language: string;
  status: ResponseStatus;
  interviewer_id: string | null;
  keyer_id: string | null;
  form_number: number | null;
  resume_hash: string | null;
  idempotency_key: string;
  /** The date only (YYYY-MM-DD): a time could be matched to an invitation's use (ADR 0016). */
  created_at: string;
  /** The date only, as created_at. */
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface SurveyAnswerTable {
  response_id: string;
  variable: string;
  /** Text answers, choice values, and lists (multiple choice, ranking) as JSON. */
  value_text: string | null;
  value_number: number | null;
}

/**
 * Deliberately without any column that could lead to a response: a keyed hash, the
 * questionnaire, and whether (not when) the code was used (migration 0202, ADR 0016).
 */
export interface SurveyInvitationTable {
  code_hash: string;
  questionnaire_key: string;
  /** 0 or 1. */
  used: number;
}

export interface SurveyAnswerLogTable {
  id: Generated<number>;
  response_id: string;
  actor: string;
  variable: string;
  old_value: string | null;
  new_value: string | null;
  at: string;
}

export type SurveyResponse = Selectable<SurveyResponseTable>;
