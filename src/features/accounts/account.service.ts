import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError, BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  consumePasswordReset,
  deactivateUser,
  findPasswordReset,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  insertUser,
  setPasswordHash,
  type UserWithGrants,
} from './account.repository.ts';
import type { Grant } from './permissions.ts';
import { deleteSessionsOfUser } from './session.repository.ts';

/** A reset link works for this long, and once. */
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

/** The problems with a new password, in Dutch; empty when it is fine. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Kies een wachtwoord van hoogstens ${PASSWORD_MAX_LENGTH} tekens.`);
  }
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    problems.push('Uw wachtwoord mag niet hetzelfde zijn als uw e-mailadres.');
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

/** How the audit log names a person: stable id plus the name at that moment. */
export function actorOf(user: { id: string; name: string }): string {
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
  const problems = passwordProblems(input.password, email);
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
  const problems = passwordProblems(password, user.email);
  if (problems.length > 0) throw new BadRequestError(problems.join(' '));
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    if (!(await consumePasswordReset(trx, tokenHash, now))) throw new ResetLinkInvalidError();
    await setPasswordHash(trx, user.id, passwordHash);
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
