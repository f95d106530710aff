import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';

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
