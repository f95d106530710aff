import { CsrfField, Notice } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { QuoteCandidate, QuoteReviewPage as Data } from '../feedback.service.ts';
import { feedbackText } from './texts.ts';

const DECISION_LABELS = {
  goedgekeurd: 'Goedgekeurd: staat op de openbare pagina',
  afgewezen: 'Afgewezen: komt niet op de openbare pagina',
} as const;

function status(c: QuoteCandidate): string {
  if (c.decision === null) return 'Nog niet beoordeeld';
  if (c.changed) return 'De tekst is veranderd: beoordeel hem opnieuw';
  return DECISION_LABELS[c.decision];
}

/**
 * The programme bureau reviews quotes: only texts whose source allowed quoting are listed; each
 * is approved or rejected with its own small form (works without JavaScript).
 */
export function QuoteReviewPage(props: {
  gemeente: string;
  data: Data;
  csrf: string;
  errors: Record<string, string>;
  notice?: string | undefined;
}) {
  const { data } = props;
  const area = data.focusArea;
  const action = `/werkruimte/${props.gemeente}/inbreng/${area.slug}/citaten`;
  const sources = feedbackText('nl').sources;
  const error = props.errors['besluit'];
  return (
    <Layout
      title={`Citaten beoordelen ${area.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: action, label: `Citaten beoordelen ${area.name}`, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Citaten beoordelen {area.name}</h1>
        <Notice text={props.notice} />
        {error && (
          <div class="utrecht-alert utrecht-alert--error" role="alert" id="foutoverzicht">
            <p class="utrecht-paragraph">{error}</p>
          </div>
        )}
        <p class="utrecht-paragraph">
          Hier staan alleen teksten waarvan de bron toestemming gaf om te citeren: inbreng van een
          bijeenkomst met &quot;citeren mag&quot;, en open antwoorden van mensen die in de
          vragenlijst &quot;ja&quot; zeiden. Alleen wat u goedkeurt, komt op de{' '}
          <a class="utrecht-link" href={`/gebieden/${area.slug}/inbreng`}>
            openbare pagina
          </a>
          . Keur geen tekst goed met een naam, adres of iets anders waaraan iemand te herkennen is.
        </p>
        {data.candidates.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen teksten om te beoordelen.</p>
        ) : (
          <ol class="utrecht-ordered-list" id="citaten">
            {data.candidates.map((c, n) => (
              <li class="utrecht-ordered-list__item">
                <form method="post" action={action} aria-labelledby={`citaat-${n}`}>
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="bron" value={c.source} />
                  <input type="hidden" name="item" value={c.id} />
                  <blockquote class="utrecht-blockquote" id={`citaat-${n}`}>
                    <p class="utrecht-paragraph">{c.text}</p>
                  </blockquote>
                  <p class="utrecht-paragraph">
                    {sources[c.source]} · {status(c)}
                  </p>
                  <button
                    class="utrecht-button utrecht-button--primary-action"
                    type="submit"
                    name="besluit"
                    value="goedgekeurd"
                    aria-describedby={`citaat-${n}`}
                  >
                    Goedkeuren
                  </button>{' '}
                  <button
                    class="utrecht-button utrecht-button--secondary-action"
                    type="submit"
                    name="besluit"
                    value="afgewezen"
                    aria-describedby={`citaat-${n}`}
                  >
                    Afwijzen
                  </button>
                </form>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Layout>
  );
}
