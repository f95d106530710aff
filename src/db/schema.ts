import type { AreaTable, AreaCrosswalkTable } from '../features/areas/area.table.ts';
import type {
  DatasetTable,
  ObservationTable,
  VariableTable,
} from '../features/datasets/dataset.table.ts';
import type {
  FocusAreaMemberTable,
  FocusAreaTable,
  FocusAreaVersionTable,
} from '../features/focus-areas/focus-area.table.ts';
import type {
  LoginFailureTable,
  PasswordResetTable,
  SessionTable,
  UserRoleTable,
  UserTable,
} from '../features/accounts/account.table.ts';
import type { AuditLogTable } from '../features/audit/audit.table.ts';
import type { CatalogueVersionTable } from '../features/indicators/catalogue-version.table.ts';
import type { CatalogueProposalTable } from '../features/indicators/catalogue-proposal.table.ts';
import type { TargetTable } from '../features/targets/target.table.ts';
import type { UploadTable } from '../features/data-workspace/upload.table.ts';
import type { OidcIdentityTable } from '../features/accounts/oidc/oidc.table.ts';
import type {
  SurveyKeyEntryTable,
  SurveyKeyFormTable,
} from '../features/survey/keying/keying.table.ts';
import type {
  SurveyAnswerLogTable,
  SurveyAnswerTable,
  SurveyInvitationTable,
  SurveyQuestionnaireVersionTable,
  SurveyResponseTable,
} from '../features/survey/responses/response.table.ts';
import type { SurveySkippedAnswerTable } from '../features/survey/review/skipped-answers.table.ts';
import type { PostcodeBuurtTable } from '../features/imports/postcode-buurt.table.ts';
import type { DataChangeTable } from './data-change.table.ts';
import type {
  ParticipationAttendanceTable,
  ParticipationImportTable,
  ParticipationInputTable,
  ParticipationParticipantTable,
  ParticipationSessionTable,
  ParticipationSessionThemeTable,
} from '../features/participation/participation.table.ts';
import type {
  CodingAssignmentTable,
  CodingCodebookVersionTable,
  CodingCodeTable,
  CodingSampleItemTable,
  CodingSampleTable,
} from '../features/coding/coding.table.ts';
import type { ContourVersionTable } from '../features/contours/contours.table.ts';
import type { SynthesisWeightsTable } from '../features/synthesis/synthesis.table.ts';
import type { FeedbackQuoteReviewTable } from '../features/feedback/feedback.table.ts';
import type {
  BudgetEntryTable,
  BudgetLineTable,
  BureauPositionTable,
  DeadlineReminderTable,
  FundingSourceTable,
  ProgrammeBureauTable,
  ProgrammeProjectTable,
  ProjectIndicatorTable,
  SubsidyApplicationTable,
  SubsidySchemeTable,
} from '../features/budget/budget.table.ts';
import type {
  AllianceActionTable,
  AllianceAgreementTable,
  AllianceDecisionTable,
  AllianceMeetingTable,
  AllianceMembershipTable,
  AllianceSeatTable,
} from '../features/alliance/alliance.table.ts';
import type {
  CouncilLetterTable,
  CouncilMomentTable,
} from '../features/council-letter/council-letter.table.ts';

/** The whole database: the union of every feature's *.table.ts. */
export interface Database {
  areas: AreaTable;
  area_crosswalk: AreaCrosswalkTable;
  datasets: DatasetTable;
  observations: ObservationTable;
  variables: VariableTable;
  focus_areas: FocusAreaTable;
  focus_area_versions: FocusAreaVersionTable;
  focus_area_members: FocusAreaMemberTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  catalogue_versions: CatalogueVersionTable;
  catalogue_proposals: CatalogueProposalTable;
  targets: TargetTable;
  uploads: UploadTable;
  oidc_identities: OidcIdentityTable;
  survey_key_forms: SurveyKeyFormTable;
  survey_key_entries: SurveyKeyEntryTable;
  survey_questionnaire_versions: SurveyQuestionnaireVersionTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
  survey_invitations: SurveyInvitationTable;
  survey_answer_log: SurveyAnswerLogTable;
  survey_skipped_answers: SurveySkippedAnswerTable;
  postcode_buurten: PostcodeBuurtTable;
  data_changes: DataChangeTable;
  participation_sessions: ParticipationSessionTable;
  participation_session_themes: ParticipationSessionThemeTable;
  participation_attendance: ParticipationAttendanceTable;
  participation_participants: ParticipationParticipantTable;
  participation_imports: ParticipationImportTable;
  participation_inputs: ParticipationInputTable;
  coding_codebook_versions: CodingCodebookVersionTable;
  coding_codes: CodingCodeTable;
  coding_assignments: CodingAssignmentTable;
  coding_samples: CodingSampleTable;
  coding_sample_items: CodingSampleItemTable;
  contour_versions: ContourVersionTable;
  synthesis_weights: SynthesisWeightsTable;
  feedback_quote_reviews: FeedbackQuoteReviewTable;
  programme_bureaus: ProgrammeBureauTable;
  bureau_positions: BureauPositionTable;
  funding_sources: FundingSourceTable;
  budget_lines: BudgetLineTable;
  budget_entries: BudgetEntryTable;
  subsidy_schemes: SubsidySchemeTable;
  subsidy_applications: SubsidyApplicationTable;
  deadline_reminders: DeadlineReminderTable;
  programme_projects: ProgrammeProjectTable;
  project_indicators: ProjectIndicatorTable;
  alliance_seats: AllianceSeatTable;
  alliance_memberships: AllianceMembershipTable;
  alliance_meetings: AllianceMeetingTable;
  alliance_decisions: AllianceDecisionTable;
  alliance_actions: AllianceActionTable;
  alliance_agreements: AllianceAgreementTable;
  council_letters: CouncilLetterTable;
  council_moments: CouncilMomentTable;
}
