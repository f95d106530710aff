import { Layout } from '../../../views/layout.tsx';
import type { HomeLink, WorkspaceHome } from '../workspace-home.service.ts';

function Item(props: { link: HomeLink }) {
  return (
    <li class="utrecht-unordered-list__item">
      <a class="utrecht-link" href={props.link.href}>
        {props.link.label}
      </a>
      <span class="wk-muted"> · {props.link.hint}</span>
    </li>
  );
}

/** Where every signed-in user lands: per municipality, what their role(s) let them do there. */
export function WorkspaceHomePage(props: { home: WorkspaceHome }) {
  const { home } = props;
  return (
    <Layout title="Werkruimte">
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Werkruimte</h1>
        <p class="utrecht-paragraph wk-lead">
          Welkom, {home.userName}. Hieronder staat wat u met uw account kunt doen.
        </p>
        {home.sections.length === 0 && (
          <p class="utrecht-paragraph">
            Uw account heeft nog geen rol. Vraag de beheerder van uw gemeente om u een rol te geven.
          </p>
        )}
        {home.sections.map((s) => (
          <section aria-labelledby={`gemeente-${s.code}`} data-gemeente={s.code}>
            <h2 class="utrecht-heading-2" id={`gemeente-${s.code}`}>
              {s.title}
            </h2>
            <p class="utrecht-paragraph">Uw rol: {s.roles.join(', ')}. U kunt hier:</p>
            <ul class="utrecht-unordered-list">
              {s.links.map((l) => (
                <Item link={l} />
              ))}
            </ul>
          </section>
        ))}
        <section aria-labelledby="voor-iedereen">
          <h2 class="utrecht-heading-2" id="voor-iedereen">
            Verder
          </h2>
          <ul class="utrecht-unordered-list">
            {home.always.map((l) => (
              <Item link={l} />
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}
