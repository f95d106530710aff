import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { listUsersInMunicipality } from './account.repository.ts';
import {
  attemptLogin,
  completeReset,
  createResetToken,
  currentUser,
  deactivate,
  resetTokenUsable,
} from './account.service.ts';
import { resolveOidcLogin } from './oidc/oidc.service.ts';

/** Logins, the users of a municipality, reset links; the authorization plugin asks currentUser. */
export function accountService(db: Kysely<Database>) {
  return {
    attemptLogin: withDb(db, attemptLogin),
    resolveOidcLogin: withDb(db, resolveOidcLogin),
    /** The active user behind a session, or undefined when gone or deactivated. */
    currentUser: withDb(db, currentUser),
    usersInMunicipality: withDb(db, listUsersInMunicipality),
    createResetToken: withDb(db, createResetToken),
    resetTokenUsable: withDb(db, resetTokenUsable),
    completeReset: withDb(db, completeReset),
    deactivate: withDb(db, deactivate),
  };
}
export type AccountService = ReturnType<typeof accountService>;
/** A user with the roles per municipality, as pages show it. */
export type { UserWithGrants } from './account.repository.ts';
