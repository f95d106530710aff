import { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS } from '../../../shared/evidence.ts';
import { CsrfField, ErrorSummary, fieldId } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import { formatItemRef } from '../contours.content.ts';
import type { EvidencePicker, FieldErrors } from '../contours.service.ts';
import { contoursBase } from './parts.tsx';

/**
 * The evidence picker: every candidate of the theme from the four sources, as checkboxes, so it
 * works without JavaScript. A chosen reference its source no longer has stays offered (checked).
 */
export function EvidencePage(props: {
  gemeente: string;
  data: EvidencePicker;
  chosen: readonly string[];
  csrf: string;
  errors: FieldErrors;
}) {
  const { data } = props;
  const base = contoursBase(props.gemeente, data.focusArea.slug);
  const chosen = new Set(props.chosen);
  const item = formatItemRef(data.item);
  const what =
    data.item.part === 'ambitie'
      ? 'de ambitie'
      : `${data.item.part === 'doel' ? 'doel' : 'actie'} ${data.item.index + 1}`;
  let n = 0;
  const box = (ref: string, label: string) => {
    n += 1;
    const id = `bewijs-${n}`;
    return (
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={id}
          name="bewijs"
          value={ref}
          checked={chosen.has(ref)}
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {label}
        </label>
      </div>
    );
  };
  return (
    <Layout
      title={`Onderbouwing kiezen: ${data.theme.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Contouren ${data.focusArea.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Onderbouwing kiezen</h1>
        <ErrorSummary errors={props.errors} />
        <p class="utrecht-paragraph">{`Voor ${what} van het hoofdthema bij ${data.theme.name}:`}</p>
        <blockquote class="utrecht-blockquote">
          <p class="utrecht-paragraph">{data.itemText}</p>
        </blockquote>
        <p class="utrecht-paragraph">
          Kies waarop dit rust. U ziet alles wat de bronnen bij dit thema hebben. Opslaan maakt een
          nieuwe versie.
        </p>
        <form method="post" action={`${base}/thema/${data.theme.key}/bewijs`} class="wk-stack">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="versie" value={String(data.latest?.version ?? 0)} />
          <input type="hidden" name="onderdeel" value={item} />
          <div id={fieldId('bewijs')} class="wk-stack">
            {EVIDENCE_KINDS.map((kind) => {
              const list = data.candidates.filter((c) => c.kind === kind);
              return (
                <fieldset class="utrecht-form-fieldset" data-kind={kind}>
                  <legend class="utrecht-form-fieldset__legend">
                    {EVIDENCE_KIND_LABELS[kind]}
                  </legend>
                  {list.length === 0 ? (
                    <p class="utrecht-paragraph wk-muted">Hier is bij dit thema nog niets.</p>
                  ) : (
                    list.map((c) => box(c.ref, c.pickLabel))
                  )}
                </fieldset>
              );
            })}
            {data.missing.length > 0 && (
              <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend">Niet meer in de bronnen</legend>
                {data.missing.map((m) => box(m.ref, `${m.source}: ${m.label}`))}
              </fieldset>
            )}
          </div>
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            Onderbouwing opslaan
          </button>
        </form>
      </div>
    </Layout>
  );
}
