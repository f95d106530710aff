/** An answer keyed for a question the paper form's routing skips: kept, flagged, not counted. */
export interface SurveySkippedAnswerTable {
  response_id: string;
  variable: string;
  value_text: string | null;
  value_number: number | null;
}
