import { Layout } from '../../../views/layout.tsx';
import type { FeedbackPage } from '../feedback.service.ts';
import { FeedbackSections } from './parts.tsx';
import { feedbackPaths, feedbackText, type FeedbackLanguage } from './texts.ts';

/** The English frame: the page in English with lang="en", a menu back to the Dutch site. */
function englishFrame(dutch: string) {
  return {
    language: 'en',
    dir: 'ltr' as const,
    skipLink: 'Skip to the content',
    menuLabel: 'Main menu',
    menu: [
      { href: '/', label: 'Wijkkompas (in Dutch)' },
      { href: dutch, label: 'This page in Dutch' },
    ],
    footer: (
      <p class="utrecht-paragraph">
        Wijkkompas: information about the neighbourhood programme of the municipality.
      </p>
    ),
  };
}

/** "Wat we met uw inbreng deden": public, in Dutch (lang nl) or English (lang en). */
export function FeedbackPublicPage(props: { data: FeedbackPage; lang: FeedbackLanguage }) {
  const { data, lang } = props;
  const t = feedbackText(lang);
  const paths = feedbackPaths(data.focusArea.slug, lang);
  const area = data.focusArea.name;
  return (
    <Layout
      title={t.title(area)}
      description={t.description(area)}
      {...(lang === 'en'
        ? { respondent: englishFrame(paths.other) }
        : {
            breadcrumbs: [
              { href: '/', label: 'Focusgebieden' },
              { href: `/gebieden/${data.focusArea.slug}`, label: area },
              { href: paths.self, label: 'Wat we met uw inbreng deden', current: true },
            ],
          })}
    >
      <div class="wk-stack wk-flyer">
        <h1 class="utrecht-heading-1">{t.title(area)}</h1>
        <p class="utrecht-paragraph">{t.intro}</p>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={paths.other} hreflang={t.otherLang} lang={t.otherLang}>
            {t.otherLanguage}
          </a>
          {' · '}
          <a class="utrecht-link" href={paths.flyerPdf}>
            {t.flyer}
          </a>
        </p>
        <FeedbackSections data={data} lang={lang} />
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={paths.doeMee}>
            {t.doeMee}
          </a>
        </p>
      </div>
    </Layout>
  );
}
