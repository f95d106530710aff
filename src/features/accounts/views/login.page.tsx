import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';

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
