import { CsrfField, ErrorSummary, Notice, SubmitButton } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import { longDate } from '../live-blocks.ts';
import { STATUS_LABELS, letterName, type WorkspaceLetter } from '../council-letter.service.ts';
import { SECTIONS } from '../snapshot.ts';
import { workspaceBase } from './letters.page.tsx';
import { BlockView, LetterText, TextAreaField } from './parts.tsx';

/**
 * One letter in the workspace. A draft: a form with the text of every part and, under each part,
 * its live blocks as they are now. A published letter: its frozen snapshot, read only.
 */
export function LetterPage(props: {
  data: WorkspaceLetter;
  canEdit: boolean;
  canPublish: boolean;
  csrf: string;
  saved?: string | undefined;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { area, letter, texts, blocks, snapshot } = props.data;
  const base = `${workspaceBase(area)}/${letter.id}`;
  const errors = props.errors ?? {};
  const editable = props.canEdit && letter.status === 'concept';
  const value = (key: string) => props.values?.[key] ?? texts[key as keyof typeof texts];
  return (
    <Layout
      title={`${letter.title} · ${STATUS_LABELS[letter.status]}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: workspaceBase(area), label: `Raadsinformatie ${area.name}` },
        { href: base, label: letter.title, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{letter.title}</h1>
        <p class="utrecht-paragraph">
          Status: <strong>{STATUS_LABELS[letter.status]}</strong>
          {snapshot &&
            ` · ${letterName(snapshot.number, area.name)} · gepubliceerd op ${longDate(snapshot.publishedOn)}`}
        </p>
        <Notice text={props.saved} />
        <ErrorSummary errors={errors} />
        {snapshot ? (
          <p class="utrecht-paragraph">
            Deze brief is gepubliceerd en verandert niet meer. Inhoudshash (SHA-256):{' '}
            <code>{letter.contentHash}</code>.{' '}
            <a class="utrecht-link" href={`/gebieden/${area.slug}/raadsbrieven/${snapshot.number}`}>
              Openbare pagina van deze brief
            </a>
          </p>
        ) : (
          <p class="utrecht-paragraph">
            De tabellen onder elk onderdeel komen rechtstreeks uit Wijkkompas en tonen de cijfers
            van nu. Bij publiceren worden ze vastgelegd.
          </p>
        )}
        {props.canEdit && letter.status === 'concept' && (
          <form method="post" action={`${base}/status`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="naar" value="ter-beoordeling" />
            <SubmitButton label="Ter beoordeling aanbieden" variant="secondary" />
          </form>
        )}
        {props.canEdit && letter.status === 'ter-beoordeling' && (
          <form method="post" action={`${base}/status`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="naar" value="concept" />
            <SubmitButton label="Terug naar concept" variant="secondary" />
          </form>
        )}
        {props.canPublish && letter.status === 'ter-beoordeling' && (
          <form method="post" action={`${base}/publiceren`} class="wk-stack">
            <CsrfField token={props.csrf} />
            <p class="utrecht-paragraph">
              Na publiceren krijgt de brief een nummer en staat hij openbaar. Tekst en cijfers
              veranderen daarna niet meer.
            </p>
            <SubmitButton label="Publiceren" />
          </form>
        )}
        {editable ? (
          <form method="post" action={base} class="wk-stack" noValidate>
            <CsrfField token={props.csrf} />
            {SECTIONS.map((s) => (
              <section class="wk-stack" aria-labelledby={`deel-${s.key}`}>
                <h2 class="utrecht-heading-2" id={`deel-${s.key}`}>
                  {s.title}
                </h2>
                <TextAreaField
                  name={s.key}
                  label={`Tekst: ${s.title}`}
                  value={value(s.key)}
                  error={errors[s.key]}
                  description={`${s.hint} Een lege regel begint een nieuwe alinea.`}
                />
                {blocks
                  .filter((b) => b.section === s.key)
                  .map((b) => (
                    <BlockView block={b} />
                  ))}
              </section>
            ))}
            <SubmitButton label="Tekst opslaan" />
          </form>
        ) : (
          SECTIONS.map((s) => (
            <section class="wk-stack" aria-labelledby={`deel-${s.key}`}>
              <h2 class="utrecht-heading-2" id={`deel-${s.key}`}>
                {s.title}
              </h2>
              <LetterText text={texts[s.key]} />
              {blocks
                .filter((b) => b.section === s.key)
                .map((b) => (
                  <BlockView block={b} />
                ))}
            </section>
          ))
        )}
      </div>
    </Layout>
  );
}
