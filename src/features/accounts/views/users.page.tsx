import { Layout } from '../../../views/layout.tsx';
import type { UserWithGrants } from '../accounts.facade.ts';
import { ROLE_LABELS } from '../permissions.ts';
import { CsrfField } from '../../../views/components/form.tsx';
import { formatDate } from './accounts-parts.tsx';

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
