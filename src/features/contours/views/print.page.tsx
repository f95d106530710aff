import { Layout } from '../../../views/layout.tsx';
import type { ContoursDocument, DocumentItem } from '../contours.document.ts';

function Refs(props: { numbers: readonly string[] }) {
  if (props.numbers.length === 0) return null;
  return (
    <span class="wk-muted">
      {' [onderbouwing: '}
      {props.numbers.map((n, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a class="utrecht-link" href={`#bijlage-${n}`}>
            {n}
          </a>
        </>
      ))}
      {']'}
    </span>
  );
}

function Items(props: { items: DocumentItem[]; empty: string }) {
  if (props.items.length === 0) return <p class="utrecht-paragraph">{props.empty}</p>;
  return (
    <ul class="utrecht-unordered-list">
      {props.items.map((i) => (
        <li class="utrecht-unordered-list__item">
          {i.text}
          <Refs numbers={i.evidence} />
          {i.note && <span class="wk-cell-note">{i.note}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The proposal to print (and, through Chromium, the PDF): the same content as the .docx. */
export function ContoursPrintPage(props: { doc: ContoursDocument; base: string }) {
  const { doc } = props;
  return (
    <Layout
      title={doc.title}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: props.base, label: `Contouren ${doc.areaName}` },
      ]}
    >
      <article class="wk-stack">
        <h1 class="utrecht-heading-1">{doc.title}</h1>
        <p class="utrecht-paragraph">
          {`Gebied: ${doc.areaName}, gemeente ${doc.municipality}. Versie ${doc.version}: ${doc.status}.`}
        </p>
        <p class="utrecht-paragraph" data-status-line>
          {doc.statusLine}
        </p>
        {doc.themes.map((t) => (
          <section class="wk-stack" aria-labelledby={`print-${t.key}`} data-theme={t.key}>
            <h2 class="utrecht-heading-2" id={`print-${t.key}`}>
              {`${t.title} (${t.themeName})`}
            </h2>
            <h3 class="utrecht-heading-3">Ambitie</h3>
            <p class="utrecht-paragraph">
              {t.ambition || 'Nog geen ambitie beschreven.'}
              <Refs numbers={t.ambitionEvidence} />
            </p>
            <h3 class="utrecht-heading-3">Doelen</h3>
            <Items items={t.goals} empty="Nog geen doelen." />
            <h3 class="utrecht-heading-3">Eerste acties</h3>
            <Items items={t.actions} empty="Nog geen acties." />
          </section>
        ))}
        <section class="wk-stack" aria-labelledby="bijlage">
          <h2 class="utrecht-heading-2" id="bijlage">
            Bijlage: onderbouwing
          </h2>
          {doc.annex.length === 0 ? (
            <p class="utrecht-paragraph">Er is nog geen onderbouwing gekozen.</p>
          ) : (
            <ul class="utrecht-unordered-list">
              {doc.annex.map((a) => (
                <li class="utrecht-unordered-list__item" id={`bijlage-${a.number}`}>
                  {`${a.number}. ${a.source}: `}
                  {a.href ? (
                    <a class="utrecht-link" href={a.href}>
                      {a.label}
                    </a>
                  ) : (
                    a.label
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </article>
    </Layout>
  );
}
