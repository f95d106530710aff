/**
 * The guard behind the explicit data version (ADR 0024): every statement in src/ that writes a
 * table the public monitor reads must sit in a function that moves the version in the same
 * transaction (`withDataChange` or `bumpDataVersion` from src/db/data-change.repository.ts).
 */
import { enclosingFunction, lineOf, type SourceFile } from './source-scan.ts';

/** Tables whose rows the monitor shows or computes from: a write moves the data version. */
export const FEEDS_MONITOR: readonly string[] = [
  'areas',
  'area_crosswalk',
  'datasets',
  'observations',
  'variables',
  'focus_areas',
  'focus_area_versions',
  'focus_area_members',
  'catalogue_versions',
  'targets',
  'survey_responses',
  'survey_answers',
  'postcode_buurten',
];

/** Tables the monitor never reads, each with the reason; a new table must be put in one list. */
export const NOT_MONITOR: Readonly<Record<string, string>> = {
  users: 'accounts',
  user_roles: 'accounts',
  sessions: 'sessions',
  password_resets: 'accounts',
  login_failures: 'login throttling',
  audit_log: 'the audit log is read in the workspace only',
  catalogue_proposals: 'a proposal is not the catalogue until it is saved as a version',
  uploads: 'staged uploads; the import that follows writes datasets and observations',
  oidc_identities: 'accounts',
  survey_key_forms: 'keying bookkeeping; the keyed response is written as a survey response',
  survey_key_entries: 'keying bookkeeping, as above',
  survey_questionnaire_versions: 'the questionnaire definition; results read the registry',
  survey_invitations: 'invitation codes live apart from answers (ADR 0016)',
  survey_answer_log: 'who changed which answer; not shown in the monitor',
  survey_skipped_answers: 'answers to skipped questions, kept for review only',
  data_changes: 'the data version itself',
  participation_sessions:
    'knowledge sessions; the Doe mee page reads them live, the monitor does not',
  participation_session_themes: 'knowledge sessions, as above',
  participation_attendance: 'knowledge sessions, as above',
  participation_participants: 'named participants, never public',
  participation_imports: 'staged XLSX imports of session inputs',
  participation_inputs: 'session inputs; not part of the monitor figures',
  programme_bureaus: 'programme bureau (workspace only)',
  bureau_positions: 'programme bureau (workspace only)',
  funding_sources: 'budget (workspace only)',
  budget_lines: 'budget (workspace only)',
  budget_entries: 'budget (workspace only)',
  subsidy_schemes: 'subsidies (workspace only)',
  subsidy_applications: 'subsidies (workspace only)',
  deadline_reminders: 'which reminder mails were sent',
  programme_projects:
    'projects: the indicator page keys its cached page on the projects section itself (ADR 0027)',
  project_indicators: 'projects, as above',
  alliance_seats:
    'Alliance register; its public page is rendered per request, not from the monitor cache',
  alliance_memberships: 'Alliance register, as above',
  alliance_meetings: 'Alliance meetings, as above',
  alliance_decisions: 'Alliance decisions, as above',
  alliance_actions: 'Alliance actions, as above',
  alliance_agreements: 'agreements with the state, as above',
  council_letters: 'council letters: a published letter is a frozen snapshot, never a monitor page',
  council_moments: 'planning of council information moments, not monitor figures',
  coding_codebook_versions: 'codebook of open text (workspace only; ADR 0031)',
  coding_codes: 'codebook, as above',
  coding_assignments: 'codes given to open text; the monitor figures do not read them',
  coding_samples: 'agreement samples of coding (workspace only)',
  coding_sample_items: 'agreement samples, as above',
  contour_versions:
    'the contours proposal (workspace only; ADR 0034); the public feedback page reads the set version per request',
  synthesis_weights:
    'weights of the themakaart ranking (workspace only; read per request, not cached; ADR 0033)',
  feedback_quote_reviews:
    'quote reviews; the public feedback page is rendered per request, not from the monitor cache',
};

/** The table names of the Database interface in src/db/schema.ts. */
export function schemaTables(schemaSource: string): string[] {
  const body = /export interface Database \{([\s\S]*?)\n\}/.exec(schemaSource)?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
}

const BUMPS = /\b(withDataChange|bumpDataVersion)\(/;

export interface Finding {
  file: string;
  line: number;
  table: string;
  message: string;
}

/** Write statements on monitor tables that do not move the data version. */
export function unbumpedWrites(files: readonly SourceFile[]): Finding[] {
  const tables = FEEDS_MONITOR.join('|');
  const kysely = new RegExp(
    `\\.(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\\(\\s*['"\`](${tables})(?:\\s+as\\s+\\w+)?['"\`]`,
    'g',
  );
  const raw = new RegExp(`\\b(insert\\s+into|update|delete\\s+from)\\s+(${tables})\\b`, 'gi');
  const findings: Finding[] = [];
  for (const { file, text } of files) {
    if (file === 'src/db/data-change.repository.ts') continue;
    for (const re of [kysely, raw]) {
      for (const m of text.matchAll(re)) {
        const table = m[2]!;
        const line = lineOf(text, m.index);
        const fn = enclosingFunction(text, m.index);
        if (!fn) {
          findings.push({
            file,
            line,
            table,
            message: `${file}:${line}: schrijft ${table} buiten een functie op het hoogste niveau; zet het in een repository-functie die de dataversie verhoogt`,
          });
        } else if (!BUMPS.test(fn.body)) {
          findings.push({
            file,
            line,
            table,
            message: `${file}:${line}: ${fn.name} schrijft ${table} zonder de dataversie te verhogen (withDataChange of bumpDataVersion, ADR 0024)`,
          });
        }
      }
    }
  }
  return findings;
}
