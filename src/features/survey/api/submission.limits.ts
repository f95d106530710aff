/**
 * JSON submissions per minute from one client address (counted under a keyed HMAC, never the
 * address). A person sends one response; 60 leaves room for a shared connection (a community
 * centre, a school) while a flood stops within a minute. Load tests on loopback raise it with
 * SURVEY_SUBMITS_PER_MINUTE instead of switching the limit off.
 */
export const DEFAULT_SUBMITS_PER_MINUTE = 60;

/** The largest body a submission may have: answers are short, open texts included. */
export const SUBMISSION_BODY_LIMIT = 64 * 1024;
