import { Layout } from '../../../views/layout.tsx';
import type { UserWithGrants } from '../accounts.facade.ts';
import { NATIONAL_CODE, ROLE_LABELS } from '../permissions.ts';

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
