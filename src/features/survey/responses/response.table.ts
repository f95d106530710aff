import type { Generated, Selectable } from 'kysely';

export type Channel = 'web' | 'mondeling' | 'schriftelijk';
export const CHANNELS: readonly Channel[] = ['web', 'mondeling', 'schriftelijk'];

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
  language: string;
  status: ResponseStatus;
  interviewer_id: string | null;
  keyer_id: string | null;
  form_number: number | null;
  resume_hash: string | null;
  idempotency_key: string;
  created_at: string;
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

/** Deliberately without any column that could lead to a response. */
export interface SurveyInvitationTable {
  code_hash: string;
  questionnaire_key: string;
  created_at: string;
  used_at: string | null;
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
