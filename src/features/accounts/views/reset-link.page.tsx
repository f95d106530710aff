import { Layout } from '../../../views/layout.tsx';
import type { UserWithGrants } from '../accounts.facade.ts';
import { formatDate, type ResetMailOutcome } from './accounts-parts.tsx';

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
