import { FEEDBACK_SOURCES, type FeedbackPage } from '../feedback.service.ts';
import { feedbackText, formatDate, themeLabel, type FeedbackLanguage } from './texts.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

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
            <TableScroll label={t.caption}>
              <Table class="wk-flyer-table" id="onderwerpen">
                <TableCaption>{t.caption}</TableCaption>
                <THead>
                  <Tr>
                    <Th scope="col">{t.theme}</Th>
                    {FEEDBACK_SOURCES.map((s) => (
                      <Th scope="col">{t.sources[s]}</Th>
                    ))}
                    <Th scope="col">{t.total}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.themes.map((theme) => (
                    <Tr data-thema={theme.key}>
                      <Th scope="row">{themeLabel(lang, theme.key, theme.name)}</Th>
                      {FEEDBACK_SOURCES.map((s) => (
                        <Td num>{theme.counts[s]}</Td>
                      ))}
                      <Td num>{theme.total}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </TableScroll>
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
