import { Layout } from '../../../views/layout.tsx';
import { SOURCE_LABELS, type CodingScreen } from '../coding.service.ts';
import { codingBase, ErrorList } from './parts.tsx';
import { CsrfField, Notice } from '../../../views/components/form.tsx';

/** One item per page: radio buttons of the codes, submit, on to the next item. */
export function CodingScreenPage(props: {
  gemeente: string;
  data: CodingScreen;
  csrf: string;
  errors: Record<string, string>;
  notice?: string | undefined;
}) {
  const { data } = props;
  const base = codingBase(props.gemeente, data.focusArea.slug);
  const error = props.errors['code'];
  return (
    <Layout
      title={`Coderen ${data.focusArea.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Coderen ${data.focusArea.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Coderen {data.focusArea.name}</h1>
        <Notice text={props.notice} />
        <ErrorList errors={props.errors} />
        <p class="utrecht-paragraph">
          U hebt {data.done} van de {data.total} items gecodeerd.
        </p>
        {!data.codebook || data.codebook.codes.length === 0 ? (
          <p class="utrecht-paragraph">
            Er is nog geen codeboek.{' '}
            <a class="utrecht-link" href={`${base}/codeboek`}>
              Maak eerst het codeboek
            </a>
            .
          </p>
        ) : !data.item ? (
          <p class="utrecht-paragraph">Klaar: u hebt alle items gecodeerd.</p>
        ) : (
          <form method="post" action={`${base}/item`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="bron" value={data.item.source} />
            <input type="hidden" name="item" value={data.item.id} />
            <h2 class="utrecht-heading-2">
              {SOURCE_LABELS[data.item.source]}
              {data.inSample ? ' (steekproef: wordt twee keer gecodeerd)' : ''}
            </h2>
            <blockquote class="utrecht-blockquote">
              <p class="utrecht-paragraph">{data.item.text}</p>
            </blockquote>
            <fieldset
              class="utrecht-form-fieldset"
              id="veld-code"
              aria-describedby={error ? 'veld-code-fout' : undefined}
            >
              <legend class="utrecht-form-fieldset__legend">Welke code past?</legend>
              {error && (
                <div class="utrecht-form-field-error-message" id="veld-code-fout">
                  {error}
                </div>
              )}
              {data.codebook.codes.map((c, n) => (
                <div class="utrecht-form-field utrecht-form-field--radio">
                  <input
                    class="utrecht-radio-button"
                    type="radio"
                    name="code"
                    id={`code-${n}`}
                    value={c.code_key}
                    checked={data.current === c.code_key}
                    required
                  />{' '}
                  <label class="utrecht-form-label" for={`code-${n}`}>
                    {c.theme_key}: {c.label}
                    {c.description ? ` (${c.description})` : ''}
                  </label>
                </div>
              ))}
            </fieldset>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              Opslaan en volgende
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}
