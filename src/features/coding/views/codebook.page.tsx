import { Layout } from '../../../views/layout.tsx';
import { type CodebookPage as Data } from '../coding.service.ts';
import { codingBase, ErrorList } from './parts.tsx';
import { CsrfField, Notice } from '../../../views/components/form.tsx';

export function CodebookPage(props: {
  gemeente: string;
  data: Data;
  text: string;
  note: string;
  csrf: string;
  errors: Record<string, string>;
  notice?: string | undefined;
}) {
  const base = codingBase(props.gemeente, props.data.focusArea.slug);
  const error = props.errors['codes'];
  return (
    <Layout
      title={`Codeboek ${props.data.focusArea.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Coderen ${props.data.focusArea.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Codeboek {props.data.focusArea.name}</h1>
        <Notice text={props.notice} />
        <ErrorList errors={props.errors} />
        <p class="utrecht-paragraph">
          {props.data.codebook
            ? `U ziet versie ${props.data.codebook.version.version}. Elke wijziging wordt een nieuwe versie; oude versies blijven bewaard.`
            : 'Er is nog geen codeboek. Sla de eerste versie op.'}
        </p>
        <form method="post" action={`${base}/codeboek`}>
          <CsrfField token={props.csrf} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-codes">
              Codes, één per regel
            </label>
            <p class="utrecht-form-field-description" id="veld-codes-uitleg">
              Schrijf per regel: thema; subcode; omschrijving (mag leeg). Thema’s:{' '}
              {props.data.themes.map((t) => `${t.key} (${t.name})`).join(', ')}.
            </p>
            {error && (
              <div class="utrecht-form-field-error-message" id="veld-codes-fout">
                {error}
              </div>
            )}
            <textarea
              class="utrecht-textarea"
              id="veld-codes"
              name="codes"
              rows={12}
              aria-describedby={error ? 'veld-codes-uitleg veld-codes-fout' : 'veld-codes-uitleg'}
              aria-invalid={error ? 'true' : undefined}
            >
              {props.text}
            </textarea>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-toelichting">
              Wat is er veranderd? (mag leeg)
            </label>
            <input
              class="utrecht-textbox"
              id="veld-toelichting"
              name="toelichting"
              value={props.note}
            />
          </div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            Opslaan als nieuwe versie
          </button>
        </form>
        <h2 class="utrecht-heading-2">Versies</h2>
        {props.data.versions.length === 0 ? (
          <p class="utrecht-paragraph">Nog geen versies.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {props.data.versions.map((v) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`${base}/codeboek?versie=${v.version}`}>
                  Versie {v.version}
                </a>{' '}
                ({v.created_at.slice(0, 10)}): {v.note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
