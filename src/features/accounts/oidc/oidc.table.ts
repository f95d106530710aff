/**
 * The OpenID Connect subject (`sub`) pinned to a local account at its first single sign-on.
 * Keyed by (issuer, subject); at most one subject per issuer per account.
 */
export interface OidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: string;
}
