import { FEEDBACK_SOURCES, type FeedbackPage } from '../feedback.service.ts';
import { feedbackText, formatDate, themeLabel, type FeedbackLanguage } from './texts.ts';

/** The three parts of the account: what was said, what was decided, what happens next. */
export function FeedbackSections(props: {
  data: FeedbackPage;
  lang: FeedbackLanguage;
  /** The flyer shows at most this many quotes and sessions, so it stays on one page. */
  limit?: number;
}) {
  const { data, lang } = props;
  const t = feedbackText(lang);
  const quotes = props.limit === undefined ? data.quotes : data.quotes.slice(0, props.limit);
  const upcoming = props.limit === undefined ? data.upcoming : data.upcoming.slice(0, props.limit);
  return (
    <>
      <section aria-labelledby="gezegd">
        <h2 class="utrecht-heading-2" id="gezegd">
          {t.saidTitle}
        </h2>
        {data.themes.length === 0 ? (
          <p class="utrecht-paragraph">{t.saidNone}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t.saidIntro}</p>
            <div class="wk-table-scroll">
              <table class="utrecht-table wk-flyer-table" id="onderwerpen">
                <caption class="utrecht-table__caption">{t.caption}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      {t.theme}
                    </th>
                    {FEEDBACK_SOURCES.map((s) => (
                      <th class="utrecht-table__header-cell" scope="col">
                        {t.sources[s]}
                      </th>
                    ))}
                    <th class="utrecht-table__header-cell" scope="col">
                      {t.total}
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {data.themes.map((theme) => (
                    <tr class="utrecht-table__row" data-thema={theme.key}>
                      <th class="utrecht-table__header-cell" scope="row">
                        {themeLabel(lang, theme.key, theme.name)}
                      </th>
                      {FEEDBACK_SOURCES.map((s) => (
                        <td class="utrecht-table__cell utrecht-table__cell--numeric">
                          {theme.counts[s]}
                        </td>
                      ))}
                      <td class="utrecht-table__cell utrecht-table__cell--numeric">
                        {theme.total}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="utrecht-paragraph">{t.countNote}</p>
          </>
        )}
        {quotes.length > 0 && (
          <>
            <h3 class="utrecht-heading-3">{t.quotesTitle}</h3>
            <ul class="utrecht-unordered-list" id="citaten">
              {quotes.map((q) => (
                <li class="utrecht-unordered-list__item">
                  <q lang="nl">{q.text}</q> ({t.sources[q.source]})
                </li>
              ))}
            </ul>
            <p class="utrecht-paragraph">{t.quotesNote}</p>
          </>
        )}
      </section>
      <section aria-labelledby="besloten">
        <h2 class="utrecht-heading-2" id="besloten">
          {t.decidedTitle}
        </h2>
        {data.decided === null ? (
          <p class="utrecht-paragraph">{t.decidedNone}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">
              {t.decidedIntro(
                formatDate(lang, data.decided.decidedOn, false),
                data.decided.reference,
              )}
            </p>
            <ul class="utrecht-unordered-list" id="contouren">
              {data.decided.themes.map((c) => (
                <li class="utrecht-unordered-list__item">
                  {/* The contours are written in Dutch, also on the English page. */}
                  <strong lang="nl">{c.name}</strong>: <span lang="nl">{c.ambition}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="straks">
        <h2 class="utrecht-heading-2" id="straks">
          {t.nextTitle}
        </h2>
        {upcoming.length === 0 ? (
          <p class="utrecht-paragraph">{t.nextNone}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">{t.nextIntro}</p>
            <ul class="utrecht-unordered-list" id="bijeenkomsten">
              {upcoming.map((s) => (
                <li class="utrecht-unordered-list__item">
                  {formatDate(lang, s.starts_at, true)}: <span lang="nl">{s.title}</span>,{' '}
                  <span lang="nl">{s.location}</span>
                  {s.cancelled ? ` (${t.cancelled})` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
