import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { recordAudit } from '../../audit/index.ts';
import { findUserByEmail, findUserById, type UserWithGrants } from '../account.repository.ts';
import { actorOf, emailSchema } from '../account.service.ts';
import type { OidcClaims } from './oidc.client.ts';
import { findIdentity, findIdentityOfUser, insertIdentity } from './oidc.repository.ts';

export type OidcRefusal =
  'geen-email' | 'onbekend' | 'uitgezet' | 'andere-gemeente' | 'al-gekoppeld';

export type OidcLoginResult =
  { ok: true; user: UserWithGrants } | { ok: false; reason: OidcRefusal; message: string };

/** Why a single sign-on was refused, in Dutch for the person who tried. */
export function refusalMessage(reason: OidcRefusal, municipalityCode: string): string {
  switch (reason) {
    case 'geen-email':
      return 'Uw gemeente-account geeft geen bevestigd e-mailadres door. Daarom kunt u zo niet inloggen. Log in met uw wachtwoord, of vraag de beheerder van uw gemeente om hulp.';
    case 'onbekend':
      return 'Er is geen Wijkkompas-account met het e-mailadres van uw gemeente-account. Vraag de beheerder van uw gemeente om een account.';
    case 'uitgezet':
      return 'Uw Wijkkompas-account is uitgezet. U kunt niet meer inloggen. Denkt u dat dit niet klopt? Vraag dan de beheerder van uw gemeente om hulp.';
    case 'andere-gemeente':
      return `Uw Wijkkompas-account hoort niet bij gemeente ${municipalityCode}. Log in met uw wachtwoord, of vraag de beheerder van uw gemeente om hulp.`;
    case 'al-gekoppeld':
      return 'Uw Wijkkompas-account hoort al bij een ander gemeente-account. Vraag de beheerder van uw gemeente om hulp.';
  }
}

function refuse(reason: OidcRefusal, municipalityCode: string): OidcLoginResult {
  return { ok: false, reason, message: refusalMessage(reason, municipalityCode) };
}

/** The checks every single sign-on passes, first or later: active, and staff of this provider. */
function admit(user: UserWithGrants | undefined, municipalityCode: string): OidcLoginResult {
  if (!user) return refuse('onbekend', municipalityCode);
  if (user.active !== 1) return refuse('uitgezet', municipalityCode);
  if (!user.grants.some((g) => g.municipalityCode === municipalityCode)) {
    return refuse('andere-gemeente', municipalityCode);
  }
  return { ok: true, user };
}

/**
 * Decides who a provider's identity is in Wijkkompas. Accounts and roles are made by a
 * beheerder only (no account is created here): the first time, the verified e-mail must match an
 * active account, and the provider's subject is then pinned to it; later logins follow the
 * subject, so a changed e-mail address at the provider cannot lead into another account.
 */
export async function resolveOidcLogin(
  db: Kysely<Database>,
  claims: OidcClaims,
  municipalityCode: string,
  now: Date = new Date(),
): Promise<OidcLoginResult> {
  const pinned = await findIdentity(db, claims.issuer, claims.subject);
  if (pinned) return admit(await findUserById(db, pinned.user_id), municipalityCode);

  const email = emailSchema.safeParse(claims.email ?? '');
  if (!claims.emailVerified || !email.success) return refuse('geen-email', municipalityCode);
  const user = await findUserByEmail(db, email.data);
  const verdict = admit(user, municipalityCode);
  if (!verdict.ok) return verdict;
  if (await findIdentityOfUser(db, verdict.user.id, claims.issuer)) {
    return refuse('al-gekoppeld', municipalityCode);
  }
  try {
    await db.transaction().execute(async (trx) => {
      await insertIdentity(trx, {
        issuer: claims.issuer,
        subject: claims.subject,
        user_id: verdict.user.id,
        linked_at: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          actor: actorOf(verdict.user),
          action: 'gebruiker.gemeente-account-gekoppeld',
          entity: 'gebruiker',
          entityId: verdict.user.id,
          municipalityCode,
          after: { aanbieder: claims.issuer },
        },
        now,
      );
    });
  } catch (error) {
    // Two first logins at once: the unique keys let one win; the other follows its result.
    const winner = await findIdentity(db, claims.issuer, claims.subject);
    if (winner?.user_id === verdict.user.id) return verdict;
    if (winner || (await findIdentityOfUser(db, verdict.user.id, claims.issuer))) {
      return refuse('al-gekoppeld', municipalityCode);
    }
    throw error;
  }
  return verdict;
}
