import { Layout } from '../../../views/layout.tsx';
import { longDate } from '../live-blocks.ts';
import { letterName, type PublishedLetter } from '../council-letter.service.ts';
import { BlockView, ChangesView, LetterText } from './parts.tsx';
import { DownloadLinks } from '../../../views/components/download-links.tsx';

/** Public: one published letter, rendered from its snapshot only (never from live data). */
export function PublishedLetterPage(props: { data: PublishedLetter }) {
  const { area, snapshot: s, contentHash, previous } = props.data;
  const name = letterName(s.number, area.name);
  const base = `/gebieden/${area.slug}/raadsbrieven`;
  return (
    <Layout
      title={`${name}`}
      description={`${s.title}, gepubliceerd op ${longDate(s.publishedOn)}.`}
      breadcrumbs={[
        { href: `/gebieden/${area.slug}`, label: area.name },
        { href: base, label: 'Raadsinformatiebrieven' },
        { href: `${base}/${s.number}`, label: `Brief ${s.number}`, current: true },
      ]}
    >
      <article class="wk-stack">
        <h1 class="utrecht-heading-1">{s.title}</h1>
        <p class="utrecht-paragraph">
          {name} · gepubliceerd op {longDate(s.publishedOn)}
        </p>
        <DownloadLinks
          intro="Download deze brief:"
          links={[
            { href: `${base}/${s.number}/raadsbrief.docx`, label: 'Word (.docx)' },
            { href: `${base}/${s.number}/raadsbrief.pdf`, label: 'PDF' },
          ]}
        />
        {s.sections.map((section) => (
          <section class="wk-stack" aria-labelledby={`deel-${section.key}`}>
            <h2 class="utrecht-heading-2" id={`deel-${section.key}`}>
              {section.title}
            </h2>
            <LetterText text={section.text} empty="Geen tekst bij dit onderdeel." />
            {section.blocks.map((b) => (
              <BlockView block={b} />
            ))}
          </section>
        ))}
        <p class="utrecht-paragraph">Het college van Burgemeester en Wethouders</p>
        {previous && (
          <section class="wk-stack" aria-labelledby="veranderd">
            <h2 class="utrecht-heading-2" id="veranderd">
              Wat is er veranderd sinds brief {previous.number}?
            </h2>
            <ChangesView changes={previous.changes} previous={`brief ${previous.number}`} />
          </section>
        )}
        <section class="wk-stack" aria-labelledby="echtheid">
          <h2 class="utrecht-heading-2" id="echtheid">
            Echtheid
          </h2>
          <p class="utrecht-paragraph">
            Deze brief is vastgelegd bij publicatie. Inhoudshash (SHA-256):{' '}
            <code id="inhoudshash">{contentHash}</code>. Gegevensversie bij publicatie:{' '}
            {s.dataVersion}.
          </p>
        </section>
      </article>
    </Layout>
  );
}
