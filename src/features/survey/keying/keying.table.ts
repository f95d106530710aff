import type { Selectable } from 'kysely';

export type KeyFormStatus = 'wacht_op_tweede' | 'verschillen' | 'klaar';

export interface SurveyKeyFormTable {
  questionnaire_key: string;
  form_number: number;
  version: number;
  /** 1 when drawn for double entry. */
  double_entry: number;
  status: KeyFormStatus;
  /** The response written once the form is done. */
  response_id: string | null;
  /** Who resolved the differences of a double-keyed form. */
  resolved_by: string | null;
  updated_at: string;
}

export interface SurveyKeyEntryTable {
  questionnaire_key: string;
  form_number: number;
  /** 1 or 2. */
  pass: number;
  keyer_id: string;
  language: string;
  /** The parsed answers as JSON. */
  answers: string;
  keyed_at: string;
}

export type SurveyKeyForm = Selectable<SurveyKeyFormTable>;
export type SurveyKeyEntry = Selectable<SurveyKeyEntryTable>;
