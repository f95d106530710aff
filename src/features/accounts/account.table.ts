/**
 * Staff accounts. Data protection: only name, e-mail, role(s) and municipality are kept; a
 * deactivated account stays (the audit log points at it) but can no longer log in.
 */
export interface UserTable {
  id: string;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  /** argon2id PHC string; null for an account that has no local password (yet). */
  password_hash: string | null;
  /** 1 = may log in, 0 = deactivated. */
  active: number;
  created_at: string;
  deactivated_at: string | null;
}

/** One role in one municipality (CBS code GM….); a user can hold several. */
export interface UserRoleTable {
  user_id: string;
  role: string;
  municipality_code: string;
}

/**
 * Server-side sessions. `id` is the SHA-256 of the session id in the cookie, so a copy of the
 * database does not hand out live sessions. Times are epoch milliseconds.
 */
export interface SessionTable {
  id: string;
  user_id: string | null;
  data: string;
  /** ISO-8601 UTC text, like every timestamp column (migration 20261204_0702). */
  created_at: string;
  last_seen_at: string;
}

/** One-time password-reset links; only the SHA-256 of the token is stored. */
export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  /** ISO-8601 UTC text (epoch milliseconds before migration 20261204_0702). */
  expires_at: string;
  used_at: string | null;
}

/** One failed login for the throttle; `account_key` is the SHA-256 of the lower-cased e-mail. */
export interface LoginFailureTable {
  /** Random; lets one attempt's row be removed again. */
  id: string;
  account_key: string;
  /** ISO-8601 UTC. */
  failed_at: string;
}
