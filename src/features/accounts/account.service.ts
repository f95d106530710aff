import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError, BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import {
  consumePasswordReset,
  deactivateUser,
  findPasswordReset,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  insertUser,
  invalidatePasswordResetsOfUser,
  setPasswordHash,
  type UserWithGrants,
} from './account.repository.ts';
import type { Grant } from './permissions.ts';
import { deleteSessionsOfUser } from './session.repository.ts';
import { isGuessable } from './password-strength.ts';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteLoginFailure,
  insertLoginFailure,
} from './login-throttle.repository.ts';

/** A reset link works for this long, and once. */
/** Where a login lands when it was not sent back to a page: the workspace home (issue 18). */
export const HOME_AFTER_LOGIN = '/werkruimte';

export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const PASSWORD_MIN_LENGTH = 12;
/** argon2 hashes any length; a cap keeps a huge body from costing CPU. */
export const PASSWORD_MAX_LENGTH = 200;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Vul uw e-mailadres in.')
  .max(254, 'Dit e-mailadres is te lang.')
  .email('Vul een geldig e-mailadres in, zoals naam@gemeente.nl.');

export const municipalityCodeSchema = z
  .string()
  .regex(/^GM\d{4}$/, 'Een gemeentecode is GM met vier cijfers, zoals GM0505.');

export const GUESSABLE_PASSWORD =
  'Dit wachtwoord is te makkelijk te raden: het komt veel voor, of het is een woord, naam, reeks of herhaling. Kies bijvoorbeeld vier losse woorden die niet bij elkaar horen.';

export const OWN_NAME_IN_PASSWORD =
  'Uw wachtwoord bestaat vooral uit uw naam of het eerste deel van uw e-mailadres. Kies iets wat niet met u te maken heeft.';

/** Lower case without spaces, dots, dashes and underscores: "Saskia de Vries" → "saskiadevries". */
function flat(value: string): string {
  return value.toLowerCase().replace(/[\s._-]+/g, '');
}

/** What must be left of a password once the user's name is taken out of it. */
const REST_WITHOUT_NAME = 8;

/**
 * Whether the password is mostly the user's full name or the part of the e-mail before the @:
 * with that taken out, fewer than 8 characters are left ("saskiadevries1").
 */
function mostlyOwnName(password: string, email?: string, name?: string): boolean {
  const own = [email?.split('@')[0], name].map((v) => flat(v ?? '')).filter((v) => v.length >= 4);
  const p = flat(password);
  return own.some((v) => p.includes(v) && p.split(v).join('').length < REST_WITHOUT_NAME);
}

/**
 * The problems with a new password, in Dutch; empty when it is fine. At least 12 characters and
 * not easy to guess (a common password, a word, a row on the keyboard, or the user's own name or
 * e-mail): ASVS 2.1.1 and 2.1.7, see docs/adr/0015.
 */
export function passwordProblems(password: string, email?: string, name?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`);
  }
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    problems.push('Uw wachtwoord mag niet hetzelfde zijn als uw e-mailadres.');
  } else if (mostlyOwnName(password, email, name)) {
    problems.push(OWN_NAME_IN_PASSWORD);
  }
  if (
    problems.length === 0 &&
    isGuessable(
      password,
      [email, name].filter((v): v is string => !!v),
    )
  ) {
    problems.push(GUESSABLE_PASSWORD);
  }
  return problems;
}

/** argon2id with the library defaults (m=19 MiB, t=2), the OWASP minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The user behind a change, as services receive it from a route. */
export interface Actor {
  id: string;
  name: string;
}

/** How the audit log names a person: stable id plus the name at that moment. */
export function actorOf(user: Actor): string {
  return `gebruiker:${user.id} ${user.name}`;
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(user: UserWithGrants) {
  return {
    email: user.email,
    naam: user.name,
    actief: user.active === 1,
    rollen: user.grants.map((g) => `${g.role}@${g.municipalityCode}`),
  };
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  grants: Grant[];
}

export async function createUser(
  db: Kysely<Database>,
  input: NewUser,
  actor: string,
): Promise<UserWithGrants> {
  const parsedEmail = emailSchema.safeParse(input.email);
  if (!parsedEmail.success) {
    throw new BadRequestError(parsedEmail.error.issues[0]?.message ?? 'Ongeldig e-mailadres.');
  }
  const email = parsedEmail.data;
  const name = input.name.trim();
  if (name === '') throw new BadRequestError('Vul een naam in.');
  if (input.grants.length === 0) throw new BadRequestError('Geef minstens één rol.');
  const problems = passwordProblems(input.password, email, name);
  if (problems.length > 0) throw new BadRequestError(problems.join(' '));
  if (await findUserByEmail(db, email)) {
    throw new AppError('CONFLICT', `Er is al een account met e-mailadres ${email}.`);
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertUser(
      trx,
      {
        id,
        email,
        name,
        password_hash: passwordHash,
        active: 1,
        created_at: new Date().toISOString(),
        deactivated_at: null,
      },
      input.grants,
    );
    const created = await findUserById(trx, id);
    for (const municipalityCode of new Set(input.grants.map((g) => g.municipalityCode))) {
      await recordAudit(trx, {
        actor,
        action: 'gebruiker.aangemaakt',
        entity: 'gebruiker',
        entityId: id,
        municipalityCode,
        after: created ? auditView(created) : null,
      });
    }
  });
  const user = await findUserById(db, id);
  if (!user) throw new Error('user vanished after insert');
  return user;
}

// A fixed hash to verify against when the e-mail is unknown, so the response time does not
// reveal which addresses have an account.
let dummyHash: Promise<string> | undefined;

/** The user for these credentials, or undefined (unknown, wrong password or deactivated). */
export async function authenticate(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<UserWithGrants | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user || !user.password_hash || password.length > PASSWORD_MAX_LENGTH) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password.slice(0, PASSWORD_MAX_LENGTH)).catch(() => false);
    return undefined;
  }
  const ok = await verify(user.password_hash, password).catch(() => false);
  if (!ok || user.active !== 1) return undefined;
  return user;
}

/**
 * Per account: at most this many failed logins in the window, from any address; then every
 * login of that account is refused, the right password too, until the oldest failure is out of
 * the window: 80 guesses an hour at most, under ASVS 2.2.1's 100 (docs/adr/0015). Per address
 * there is a second, lower limit in the route (LOGIN_RATE_LIMIT), so one mistyping colleague
 * behind the same address does not lock the account for everyone.
 */
export const LOGIN_THROTTLE = { maxFailures: 20, windowMs: 15 * 60 * 1000 };

/** The throttle's key for an e-mail address; made for unknown addresses too. */
export function loginAccountKey(email: string): string {
  return sha256Hex(`login:${email.trim().toLowerCase()}`);
}

export type LoginOutcome =
  | { ok: true; user: UserWithGrants }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

async function auditFailedLogin(
  db: Kysely<Database>,
  user: UserWithGrants,
  reason: 'wachtwoord-onjuist' | 'account-uitgezet' | 'te-veel-pogingen',
  at: Date,
): Promise<void> {
  for (const municipalityCode of new Set(user.grants.map((g) => g.municipalityCode))) {
    await recordAudit(
      db,
      {
        actor: actorOf(user),
        action: 'gebruiker.inloggen-mislukt',
        entity: 'gebruiker',
        entityId: user.id,
        municipalityCode,
        after: { reden: reason },
      },
      at,
    );
  }
}

/**
 * A password login with the per-account throttle. The attempt is counted before the password
 * is checked, so parallel guesses count too; an attempt the throttle refuses is taken back (it
 * checked nothing), so an attacker cannot keep an account locked for longer than the window by
 * guessing on. A failed login of an existing account goes into the audit log of its
 * municipalities (unknown addresses are not audited: that would fill every log with guesses).
 */
export async function attemptLogin(
  db: Kysely<Database>,
  email: string,
  password: string,
  now = Date.now(),
): Promise<LoginOutcome> {
  const accountKey = loginAccountKey(email);
  const since = new Date(now - LOGIN_THROTTLE.windowMs).toISOString();
  const attemptId = randomUUID();
  await insertLoginFailure(
    db,
    { id: attemptId, accountKey, at: new Date(now).toISOString() },
    since,
  );
  const window = await countLoginFailures(db, accountKey, since);
  if (window.count > LOGIN_THROTTLE.maxFailures) {
    await deleteLoginFailure(db, attemptId);
    const until =
      Date.parse(window.oldest ?? new Date(now).toISOString()) + LOGIN_THROTTLE.windowMs;
    const known = await findUserByEmail(db, email);
    if (known) await auditFailedLogin(db, known, 'te-veel-pogingen', new Date(now));
    return {
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
    };
  }
  const user = await authenticate(db, email, password);
  if (!user) {
    const known = await findUserByEmail(db, email);
    if (known) {
      const reason = known.active === 1 ? 'wachtwoord-onjuist' : 'account-uitgezet';
      await auditFailedLogin(db, known, reason, new Date(now));
    }
    return { ok: false, reason: 'wrong' };
  }
  await clearLoginFailures(db, accountKey);
  return { ok: true, user };
}

/** The active user behind a session, or undefined when gone or deactivated. */
export async function currentUser(
  db: Kysely<Database>,
  userId: string,
): Promise<UserWithGrants | undefined> {
  const user = await findUserById(db, userId);
  return user && user.active === 1 ? user : undefined;
}

/**
 * Makes a one-time reset link for a user of this municipality. Returns the token; only its hash
 * is stored, so the administrator must hand the link over now.
 */
export async function createResetToken(
  db: Kysely<Database>,
  userId: string,
  municipalityCode: string,
  actor: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date; user: UserWithGrants }> {
  const user = await findUserInMunicipality(db, userId, municipalityCode);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + RESET_LINK_TTL_MS;
  await db.transaction().execute(async (trx) => {
    await insertPasswordReset(trx, {
      token_hash: sha256Hex(token),
      user_id: user.id,
      created_by: actor,
      created_at: new Date(now).toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    await recordAudit(trx, {
      actor,
      action: 'gebruiker.herstellink-gemaakt',
      entity: 'gebruiker',
      entityId: user.id,
      municipalityCode,
      after: { verloopt: new Date(expiresAt).toISOString() },
    });
  });
  return { token, expiresAt: new Date(expiresAt), user };
}

/** Whether a reset token can still be used (for showing the form). */
export async function resetTokenUsable(
  db: Kysely<Database>,
  token: string,
  now = Date.now(),
): Promise<boolean> {
  const row = await findPasswordReset(db, sha256Hex(token));
  return !!row && row.used_at === null && row.expires_at > now;
}

export class ResetLinkInvalidError extends AppError {
  constructor() {
    super(
      'NOT_FOUND',
      'Deze link werkt niet (meer). Een link werkt één keer en 24 uur lang. Vraag uw beheerder om een nieuwe link.',
    );
    this.name = 'ResetLinkInvalidError';
  }
}

/** Sets a new password with a reset token; the token is used up and all sessions end. */
export async function completeReset(
  db: Kysely<Database>,
  token: string,
  password: string,
  now = Date.now(),
): Promise<UserWithGrants> {
  const tokenHash = sha256Hex(token);
  const row = await findPasswordReset(db, tokenHash);
  if (!row) throw new ResetLinkInvalidError();
  const user = await findUserById(db, row.user_id);
  if (!user || user.active !== 1) throw new ResetLinkInvalidError();
  const problems = passwordProblems(password, user.email, user.name);
  if (problems.length > 0) throw new BadRequestError(problems.join(' '));
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (!(await consumePasswordReset(trx, tokenHash, now))) throw new ResetLinkInvalidError();
    await setPasswordHash(trx, user.id, passwordHash);
    // A new password ends every other reset link of this user, and the throttle's count.
    await invalidatePasswordResetsOfUser(trx, user.id, now);
    await clearLoginFailures(trx, loginAccountKey(user.email));
    await deleteSessionsOfUser(trx, user.id);
    for (const municipalityCode of new Set(user.grants.map((g) => g.municipalityCode))) {
      await recordAudit(trx, {
        actor: actorOf(user),
        action: 'gebruiker.wachtwoord-ingesteld',
        entity: 'gebruiker',
        entityId: user.id,
        municipalityCode,
      });
    }
  });
  return user;
}

/** A user with a role in this municipality; anyone else is "not found" (no id probing). */
export async function findUserInMunicipality(
  db: Kysely<Database>,
  userId: string,
  municipalityCode: string,
): Promise<UserWithGrants> {
  const user = await findUserById(db, userId);
  if (!user || !user.grants.some((g) => g.municipalityCode === municipalityCode)) {
    throw new NotFoundError('Deze gebruiker bestaat niet in deze gemeente.');
  }
  return user;
}

/** Deactivates a user: history stays, login is refused, open sessions end now. */
export async function deactivate(
  db: Kysely<Database>,
  userId: string,
  municipalityCode: string,
  actor: { id: string; name: string },
): Promise<UserWithGrants> {
  const user = await findUserInMunicipality(db, userId, municipalityCode);
  if (user.id === actor.id) throw new BadRequestError('U kunt uw eigen account niet uitzetten.');
  if (user.active !== 1) return user;
  await db.transaction().execute(async (trx) => {
    await deactivateUser(trx, user.id, new Date().toISOString());
    await deleteSessionsOfUser(trx, user.id);
    await recordAudit(trx, {
      actor: actorOf(actor),
      action: 'gebruiker.uitgezet',
      entity: 'gebruiker',
      entityId: user.id,
      municipalityCode,
      before: auditView(user),
      after: auditView({ ...user, active: 0 }),
    });
  });
  return { ...user, active: 0 };
}
