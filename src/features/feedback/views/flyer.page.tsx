import { assetUrl } from '../../../shared/assets.ts';
import { Layout } from '../../../views/layout.tsx';
import type { FeedbackPage } from '../feedback.service.ts';
import { FeedbackSections } from './parts.tsx';
import { feedbackPaths, feedbackText, type FeedbackLanguage } from './texts.ts';

/** At most this many quotes and sessions on the flyer, so it fits one A4. */
export const FLYER_LIMIT = 3;

/** The flyer: the same account on one A4 page, with the web address to read more. */
export function FeedbackFlyerPage(props: {
  data: FeedbackPage;
  lang: FeedbackLanguage;
  publicUrl: string;
}) {
  const { data, lang } = props;
  const t = feedbackText(lang);
  const paths = feedbackPaths(data.focusArea.slug, lang);
  const area = data.focusArea.name;
  return (
    <Layout
      title={t.title(area)}
      description={t.description(area)}
      head={<link rel="stylesheet" href={assetUrl('css/flyer.css')} />}
      {...(lang === 'en'
        ? {
            respondent: {
              language: 'en',
              dir: 'ltr' as const,
              skipLink: 'Skip to the content',
              menuLabel: 'Main menu',
              menu: [{ href: paths.self, label: 'Back to the page' }],
              footer: <p class="utrecht-paragraph">Wijkkompas</p>,
            },
          }
        : {})}
    >
      <div class="wk-stack wk-flyer">
        <h1 class="utrecht-heading-1">{t.title(area)}</h1>
        <p class="utrecht-paragraph">{t.intro}</p>
        <FeedbackSections data={data} lang={lang} limit={FLYER_LIMIT} />
        <p class="utrecht-paragraph">
          {t.webAddress} {`${props.publicUrl}${paths.self}`}
        </p>
      </div>
    </Layout>
  );
}
