import { Layout } from '../../../views/layout.tsx';
import type { UserWithGrants } from '../accounts.facade.ts';
import { NATIONAL_CODE, ROLE_LABELS } from '../permissions.ts';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

export function formatDate(value: Date | string): string {
  return dateFormat.format(typeof value === 'string' ? new Date(value) : value);
}

export function LoginPage(props: {
  csrf: string;
  email?: string;
  returnTo?: string | undefined;
  errors?: FieldErrors;
  message?: string | undefined;
  /** Single sign-on button (OpenID Connect); absent when it is not configured. */
  sso?: { label: string; href: string } | undefined;
}) {
  const errors = props.errors ?? {};
  const action = props.returnTo
    ? `/inloggen?terug=${encodeURIComponent(props.returnTo)}`
    : '/inloggen';
  return (
    <Layout
      title="Inloggen"
      description="Inloggen in de werkruimte van Wijkkompas, voor medewerkers van de gemeente, het programmabureau en de Alliantie."
    >
      <h1 class="utrecht-heading-1">Inloggen</h1>
      <ErrorSummary errors={errors} message={props.message} />
      <p class="utrecht-paragraph">
        Log in met het e-mailadres en wachtwoord van uw Wijkkompas-account. Heeft u nog geen account
        of bent u uw wachtwoord vergeten? Vraag het aan de beheerder van uw gemeente.
      </p>
      <form class="utrecht-form" method="post" action={action} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="email"
          label="E-mailadres"
          type="email"
          autocomplete="username"
          value={props.email ?? ''}
          error={errors.email}
          required
        />
        <TextField
          name="wachtwoord"
          label="Wachtwoord"
          type="password"
          autocomplete="current-password"
          error={errors.wachtwoord}
          required
        />
        <SubmitButton label="Inloggen" />
      </form>
      {props.sso && (
        <>
          <h2 class="utrecht-heading-2">Met uw gemeente-account</h2>
          <p class="utrecht-paragraph">
            Werkt u bij de gemeente? Dan kunt u ook inloggen met het account van uw gemeente.
          </p>
          <p class="utrecht-paragraph">
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href={props.sso.href}
            >
              {props.sso.label}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function AccountPage(props: { user: UserWithGrants }) {
  const { user } = props;
  return (
    <Layout title="Mijn account" breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}>
      <h1 class="utrecht-heading-1">Mijn account</h1>
      <dl class="wk-details">
        <dt>Naam</dt>
        <dd>{user.name}</dd>
        <dt>E-mailadres</dt>
        <dd>{user.email}</dd>
        <dt>Rollen</dt>
        <dd>
          <ul class="utrecht-unordered-list">
            {user.grants.map((g) => (
              <li class="utrecht-unordered-list__item">
                {ROLE_LABELS[g.role]}{' '}
                {g.municipalityCode === NATIONAL_CODE
                  ? 'voor heel Nederland'
                  : `in gemeente ${g.municipalityCode}`}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <p class="utrecht-paragraph">
        Wat u met deze rollen kunt doen, staat in{' '}
        <a class="utrecht-link" href="/werkruimte">
          uw werkruimte
        </a>
        . Klopt er iets niet? Vraag de beheerder van uw gemeente om het te veranderen.
      </p>
    </Layout>
  );
}

export function UsersPage(props: {
  csrf: string;
  municipalityCode: string;
  users: UserWithGrants[];
  currentUserId: string;
}) {
  const code = props.municipalityCode;
  return (
    <Layout
      title={`Gebruikers van ${code}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <h1 class="utrecht-heading-1">Gebruikers van gemeente {code}</h1>
      <p class="utrecht-paragraph">
        Een nieuwe gebruiker zet de technisch beheerder erbij, met de opdracht{' '}
        <code>wijkkompas gebruiker maak</code>. Daarna maakt u hier een link waarmee de nieuwe
        gebruiker zelf een wachtwoord kiest. Geef die link aan de gebruiker. Gaat iemand weg? Zet
        dan het account uit.
      </p>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">Gebruikers ({props.users.length})</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Naam
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              E-mailadres
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Rollen in {code}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Status
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Acties
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.users.map((u) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{u.name}</td>
              <td class="utrecht-table__cell">{u.email}</td>
              <td class="utrecht-table__cell">
                {u.grants
                  .filter((g) => g.municipalityCode === code)
                  .map((g) => ROLE_LABELS[g.role])
                  .join(', ')}
              </td>
              <td class="utrecht-table__cell">
                {u.active === 1 ? 'Actief' : `Uitgezet op ${formatDate(u.deactivated_at ?? '')}`}
              </td>
              <td class="utrecht-table__cell">
                {u.active === 1 && (
                  <div class="utrecht-button-group">
                    <form method="post" action={`/beheer/${code}/gebruikers/${u.id}/herstellink`}>
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                        Link voor wachtwoord maken<span class="wk-muted"> voor {u.name}</span>
                      </button>
                    </form>
                    {u.id !== props.currentUserId && (
                      <form method="post" action={`/beheer/${code}/gebruikers/${u.id}/uitzetten`}>
                        <CsrfField token={props.csrf} />
                        <button type="submit" class="utrecht-button utrecht-button--warning">
                          Account uitzetten<span class="wk-muted"> van {u.name}</span>
                        </button>
                      </form>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

/** Whether the reset link also went out by mail. */
export type ResetMailOutcome = 'verstuurd' | 'mislukt' | 'niet-ingesteld';

export function ResetLinkPage(props: {
  municipalityCode: string;
  user: UserWithGrants;
  link: string;
  expiresAt: Date;
  mailed?: ResetMailOutcome;
}) {
  const mailed = props.mailed ?? 'niet-ingesteld';
  return (
    <Layout
      title="Link voor nieuw wachtwoord"
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: `/beheer/${props.municipalityCode}/gebruikers`, label: 'Gebruikers' },
      ]}
    >
      <h1 class="utrecht-heading-1">Link voor een nieuw wachtwoord</h1>
      {mailed === 'verstuurd' ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <div class="utrecht-alert__content">
            <p class="utrecht-paragraph">
              We hebben de link gemaild naar {props.user.name} ({props.user.email}). De link werkt
              één keer en tot {formatDate(props.expiresAt)}. Komt de mail niet aan? Geef de link
              hieronder dan zelf. U ziet de link maar één keer.
            </p>
          </div>
        </div>
      ) : (
        <div class="utrecht-alert utrecht-alert--warning" role="status">
          <div class="utrecht-alert__content">
            {mailed === 'mislukt' && (
              <p class="utrecht-paragraph">Het mailen van de link is niet gelukt.</p>
            )}
            <p class="utrecht-paragraph">
              Geef deze link zelf aan {props.user.name} ({props.user.email}). U ziet de link maar
              één keer. De link werkt één keer en tot {formatDate(props.expiresAt)}.
            </p>
          </div>
        </div>
      )}
      <p class="utrecht-paragraph">
        <label class="utrecht-form-label" for="herstellink">
          Link
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="herstellink"
          type="text"
          readOnly
          value={props.link}
        />
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link wk-target" href={`/beheer/${props.municipalityCode}/gebruikers`}>
          Terug naar de gebruikers
        </a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage(props: { csrf: string; token: string; errors?: FieldErrors }) {
  const errors = props.errors ?? {};
  return (
    <Layout title="Nieuw wachtwoord instellen">
      <h1 class="utrecht-heading-1">Nieuw wachtwoord instellen</h1>
      <ErrorSummary errors={errors} />
      <form
        class="utrecht-form"
        method="post"
        action={`/wachtwoord-herstellen/${encodeURIComponent(props.token)}`}
        novalidate
      >
        <CsrfField token={props.csrf} />
        <TextField
          name="wachtwoord"
          label="Nieuw wachtwoord"
          type="password"
          autocomplete="new-password"
          description="Minstens 12 tekens. Een zin van een paar woorden is goed te onthouden."
          error={errors.wachtwoord}
          required
        />
        <TextField
          name="herhaling"
          label="Herhaal het nieuwe wachtwoord"
          type="password"
          autocomplete="new-password"
          error={errors.herhaling}
          required
        />
        <SubmitButton label="Wachtwoord instellen" />
      </form>
    </Layout>
  );
}

export function MessagePage(props: {
  title: string;
  text: string;
  link?: { href: string; label: string };
}) {
  return (
    <Layout title={props.title}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      <p class="utrecht-paragraph">{props.text}</p>
      {props.link && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      )}
    </Layout>
  );
}
