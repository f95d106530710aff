import { Layout } from '../../../views/layout.tsx';
import type { UserWithGrants } from '../accounts.facade.ts';
import { ROLE_LABELS } from '../permissions.ts';
import { CsrfField } from '../../../views/components/form.tsx';
import { formatDate } from './accounts-parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

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
      <Table>
        <TableCaption>Gebruikers ({props.users.length})</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Naam</Th>
            <Th scope="col">E-mailadres</Th>
            <Th scope="col">Rollen in {code}</Th>
            <Th scope="col">Status</Th>
            <Th scope="col">Acties</Th>
          </Tr>
        </THead>
        <TBody>
          {props.users.map((u) => (
            <Tr>
              <Td>{u.name}</Td>
              <Td>{u.email}</Td>
              <Td>
                {u.grants
                  .filter((g) => g.municipalityCode === code)
                  .map((g) => ROLE_LABELS[g.role])
                  .join(', ')}
              </Td>
              <Td>
                {u.active === 1 ? 'Actief' : `Uitgezet op ${formatDate(u.deactivated_at ?? '')}`}
              </Td>
              <Td>
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
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Layout>
  );
}
