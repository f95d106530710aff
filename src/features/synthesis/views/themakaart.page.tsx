import {
  CsrfField,
  ErrorSummary,
  Notice,
  SubmitButton,
  TextField,
} from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import { tableScroll } from '../../../views/table-scroll.ts';
import { SOURCES, SOURCE_NAMES, SOURCE_RULES, type SourceKey } from '../synthesis-score.ts';
import {
  themakaartPath,
  WEIGHT_FIELD,
  type EvidenceItem,
  type MonitorItem,
  type SurveyItem,
  type SynthesisPage,
  type ThemeCard,
} from '../synthesis.service.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

const KIND_LABELS: Record<string, string> = {
  knelpunt: 'Knelpunten',
  kans: 'Kansen',
  idee: 'Ideeën',
  vraag: 'Vragen',
};

const CODE_SOURCE_LABELS: Record<string, string> = {
  bijeenkomst: 'bijeenkomsten',
  enquete: 'open antwoorden enquête',
  professionals: 'open antwoorden professionals',
};

const nl = (v: number, digits = 2) =>
  v.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number) => `${nl(v * 100, 0)}%`;

/** The comparison as the profile says it: "hoger dan in de gemeente (30,6)". */
function compared(m: MonitorItem): string {
  if (m.notCompared !== null) return m.notCompared;
  return m.comparisons
    .map((c) => {
      const gap = m.gaps.find((g) => g.key === c.key)?.text;
      return c.word === 'even hoog'
        ? `even hoog als ${c.where} (${c.text})`
        : `${c.word} dan ${c.where} (${c.text}; verschil ${gap})`;
    })
    .join(', ');
}

/** Which evidence pages the reader may open (permissions.ts); others get no link, never a refusal. */
export interface EvidenceAccess {
  results: boolean;
  sessions: boolean;
  coding: boolean;
}

function EvidenceLink(props: { item: EvidenceItem; text?: string; allowed: boolean }) {
  if (!props.allowed) return null;
  return (
    <a class="utrecht-link" href={props.item.source}>
      {props.text ?? 'bron bekijken'}
      <span class="wk-visually-hidden">{`: ${props.item.label}`}</span>
    </a>
  );
}

/** What a source has for a theme when it shows nothing: per theme, or for the whole area. */
const NOTHING_FOR_THEME: Record<SourceKey, string> = {
  monitor: 'geen indicator met een cijfer voor dit thema',
  bewoners: 'geen vraag over dit thema in de vragenlijst',
  professionals: 'geen vraag over dit thema in de vragenlijst',
  bijeenkomsten: 'nog geen inbreng over dit thema',
  codes: 'nog geen code van dit thema gegeven',
};

function NoData(props: { source: SourceKey; reason: string | null }) {
  return (
    <p class="utrecht-paragraph wk-muted" data-geen-gegevens={props.source}>
      {props.reason === null
        ? `${SOURCE_NAMES[props.source]}: ${NOTHING_FOR_THEME[props.source]}.`
        : `${SOURCE_NAMES[props.source]}: ${props.reason} voor dit gebied.`}
    </p>
  );
}

function SurveyList(props: {
  items: SurveyItem[];
  source: SourceKey;
  missing: string | null;
  access: EvidenceAccess;
}) {
  if (props.items.length === 0) return <NoData source={props.source} reason={props.missing} />;
  return (
    <ul class="wk-plain-list">
      {props.items.map((i) => (
        <li id={i.anchor} data-bewijs={i.refText}>
          <strong>{i.label}</strong>
          {` — ${i.value} `}
          {i.warning && (
            <span class="wk-cell-note" data-waarschuwing>
              {i.warning}
            </span>
          )}{' '}
          <EvidenceLink item={i} text="resultaten" allowed={props.access.results} />
        </li>
      ))}
    </ul>
  );
}

function ThemeSection(props: {
  card: ThemeCard;
  data: SynthesisPage;
  rank: number | null;
  access: EvidenceAccess;
}) {
  const { card, data } = props;
  const s = card.sessions;
  return (
    <section class="wk-stack" aria-labelledby={`thema-${card.key}-titel`} id={`thema-${card.key}`}>
      <h2 class="utrecht-heading-2" id={`thema-${card.key}-titel`}>
        {card.name}
        {props.rank !== null && <span class="wk-muted">{` (plaats ${props.rank})`}</span>}
      </h2>

      <h3 class="utrecht-heading-3">Monitor: cijfers tegenover gemeente en Nederland</h3>
      {card.monitor.length === 0 ? (
        <NoData source="monitor" reason={data.sources.monitor.missing} />
      ) : (
        <div {...tableScroll(`Cijfers ${card.name}`)}>
          <Table>
            <TableCaption>{`Cijfers ${card.name}`}</TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Indicator</Th>
                <Th scope="col">{data.focusArea.name}</Th>
                <Th scope="col">Gemeente en Nederland</Th>
                <Th scope="col">Richting</Th>
              </Tr>
            </THead>
            <TBody>
              {card.monitor.map((m) => (
                <Tr id={m.anchor} data-bewijs={m.refText}>
                  <Th scope="row">
                    <a class="utrecht-link" href={m.source}>
                      {m.label}
                    </a>
                  </Th>
                  <Td>
                    {m.value.split(';')[0]}
                    {m.note !== null && <span class="wk-cell-note">{m.note}</span>}
                  </Td>
                  <Td>{compared(m)}</Td>
                  <Td data-richting>
                    {m.direction ??
                      (m.notCompared !== null
                        ? 'geen richting'
                        : 'geen richting (neutraal, of even hoog)')}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      {card.monitorNotLoaded > 0 && (
        <p class="utrecht-paragraph wk-muted">
          {`${card.monitorNotLoaded} ${card.monitorNotLoaded === 1 ? 'indicator' : 'indicatoren'} van dit thema ${card.monitorNotLoaded === 1 ? 'is' : 'zijn'} nog niet geladen.`}
        </p>
      )}

      <h3 class="utrecht-heading-3">Bewonersenquête (gewogen, met 95%-marge)</h3>
      <SurveyList
        items={card.bewoners}
        source="bewoners"
        missing={data.sources.bewoners.missing}
        access={props.access}
      />

      <h3 class="utrecht-heading-3">Vragenlijst professionals</h3>
      <SurveyList
        items={card.professionals}
        source="professionals"
        missing={data.sources.professionals.missing}
        access={props.access}
      />

      <h3 class="utrecht-heading-3">Kennissessies</h3>
      {s.inputs === 0 ? (
        <NoData source="bijeenkomsten" reason={data.sources.bijeenkomsten.missing} />
      ) : (
        <>
          <p class="utrecht-paragraph" data-inbreng-telling>
            {`${s.inputs} keer inbreng, ${s.votes} ${s.votes === 1 ? 'stem' : 'stemmen'}. `}
            {s.perKind.map((k) => `${KIND_LABELS[k.kind] ?? k.kind}: ${k.count}`).join(', ')}.
          </p>
          <p class="utrecht-paragraph">Meeste stemmen:</p>
          <ol class="utrecht-ordered-list">
            {s.top.map((i) => (
              <li class="utrecht-ordered-list__item" id={i.anchor} data-bewijs={i.refText}>
                {`${i.label}, ${i.value}`}
                {i.text !== null ? `: “${i.text}” ` : ' '}
                <EvidenceLink item={i} text="bijeenkomst" allowed={props.access.sessions} />
              </li>
            ))}
          </ol>
          {s.top.some((i) => i.text === null) && (
            <p class="utrecht-paragraph wk-muted">
              De tekst van inbreng ziet u niet met uw rol; u ziet soort, stemmen en bijeenkomst.
            </p>
          )}
        </>
      )}

      <h3 class="utrecht-heading-3">Gecodeerde open antwoorden</h3>
      {card.codes.length === 0 ? (
        <NoData source="codes" reason={data.sources.codes.missing} />
      ) : (
        <ul class="wk-plain-list">
          {card.codes.map((c) => (
            <li id={c.anchor} data-bewijs={c.refText}>
              <strong>{c.label}</strong>
              {`: ${c.perSource.map((p) => `${p.items} uit ${CODE_SOURCE_LABELS[p.source] ?? p.source}`).join(', ')} `}
              <EvidenceLink item={c} text="codering" allowed={props.access.coding} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The themakaart of a focus area: the ranking with its weights, then a section per theme. */
export function ThemakaartPage(props: {
  gemeente: string;
  data: SynthesisPage;
  canEdit: boolean;
  access: EvidenceAccess;
  csrf: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string | undefined;
}) {
  const { data } = props;
  const base = themakaartPath(props.gemeente, data.focusArea.slug);
  const names = new Map(data.themes.map((t) => [t.key, t.name]));
  const ranks = new Map(data.ranking.themes.map((t) => [t.theme, t.rank]));
  const leftOut = data.ranking.leftOut;
  const value = (s: SourceKey) => props.values[WEIGHT_FIELD[s]] ?? String(data.weights[s]);
  return (
    <Layout
      title={`Themakaart ${data.focusArea.name}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Themakaart {data.focusArea.name}</h1>
        <Notice text={props.notice} />
        <ErrorSummary errors={props.errors} />
        <p class="utrecht-paragraph">
          Per thema staan hier vier bronnen naast elkaar: de cijfers van de monitor, de
          bewonersenquête, de vragenlijst voor professionals en de kennissessies met de gecodeerde
          open antwoorden. Elk punt linkt naar zijn bron.
        </p>

        <section class="wk-stack" aria-labelledby="rangorde">
          <h2 class="utrecht-heading-2" id="rangorde">
            Rangorde van de thema’s
          </h2>
          <div {...tableScroll('Scores per thema')}>
            <Table data-rangorde>
              <TableCaption>Scores per thema</TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Plaats</Th>
                  <Th scope="col">Thema</Th>
                  <Th scope="col">Score (0 tot 1)</Th>
                  {SOURCES.filter((s) => !leftOut.includes(s)).map((s) => (
                    <Th scope="col">{`Urgentie ${SOURCE_NAMES[s]}`}</Th>
                  ))}
                </Tr>
              </THead>
              <TBody>
                {data.ranking.themes.map((t) => {
                  const card = data.themes.find((c) => c.key === t.theme)!;
                  return (
                    <Tr data-thema={t.theme}>
                      <Td>{t.rank ?? '–'}</Td>
                      <Th scope="row">
                        <a class="utrecht-link" href={`#thema-${t.theme}`}>
                          {names.get(t.theme) ?? t.theme}
                        </a>
                      </Th>
                      <Td data-score>{t.score === null ? 'geen score' : nl(t.score, 3)}</Td>
                      {SOURCES.filter((s) => !leftOut.includes(s)).map((s) => {
                        const u = card.urgency[s];
                        return <Td>{u === null || u === undefined ? 'geen cijfer' : nl(u, 2)}</Td>;
                      })}
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          </div>

          <h3 class="utrecht-heading-3">Zo is de score berekend</h3>
          <p class="utrecht-paragraph">
            Elke bron geeft per thema een urgentie van 0 tot 1. De score van een thema is het
            gewogen gemiddelde daarvan: elke urgentie maal het gewicht van de bron, gedeeld door de
            som van de gewichten. Een hogere score betekent: meer aandacht nodig volgens de bronnen.
          </p>
          <ul class="wk-plain-list" data-regels>
            {SOURCES.map((s) => (
              <li data-bron={s}>
                <strong>{SOURCE_NAMES[s]}</strong>
                {` (gewicht ${data.weights[s]}${data.ranking.used[s] !== undefined ? `, telt mee voor ${pct(data.ranking.used[s])}` : ''}): `}
                {SOURCE_RULES[s]}
                {data.sources[s].missing !== null && (
                  <strong data-weggelaten={s}>
                    {` Voor ${data.focusArea.name}: ${data.sources[s].missing}. Deze bron telt niet mee.`}
                  </strong>
                )}
              </li>
            ))}
          </ul>
          {leftOut.length > 0 && (
            <p class="utrecht-paragraph" data-herverdeeld>
              {`Omdat ${leftOut.map((s) => SOURCE_NAMES[s]).join(' en ')} nog geen bruikbare gegevens ${leftOut.length === 1 ? 'heeft' : 'hebben'}, zijn de gewichten van de andere bronnen naar verhouding opgehoogd, zodat ze samen weer 100% zijn.`}
            </p>
          )}
          <p class="utrecht-paragraph">
            Heeft een bron voor één thema geen cijfer (bijvoorbeeld geen vergelijkbare indicator),
            dan telt die bron alleen bij dat thema niet mee, op dezelfde manier.
          </p>
          <p class="utrecht-paragraph wk-muted">
            {data.weightsChanged
              ? `Gewichten het laatst gewijzigd op ${data.weightsChanged.at.slice(0, 10)} door ${data.weightsChanged.by}.`
              : 'De gewichten staan op de standaard: alle bronnen even zwaar.'}
          </p>

          {props.canEdit && (
            <form method="post" action={`${base}/gewichten`} class="wk-stack" novalidate>
              <h3 class="utrecht-heading-3">Gewichten aanpassen</h3>
              <p class="utrecht-paragraph">
                Geef elke bron een heel getal van 0 tot en met 100. Alleen de verhouding telt: 20,
                20, 20, 20, 20 is hetzelfde als 1, 1, 1, 1, 1. Met 0 telt een bron niet mee.
              </p>
              <CsrfField token={props.csrf} />
              {SOURCES.map((s) => (
                <TextField
                  name={WEIGHT_FIELD[s]}
                  label={`Gewicht ${SOURCE_NAMES[s]}`}
                  value={value(s)}
                  error={props.errors[WEIGHT_FIELD[s]]}
                />
              ))}
              <SubmitButton label="Gewichten opslaan" />
            </form>
          )}
        </section>

        {data.themes.map((card) => (
          <ThemeSection
            card={card}
            data={data}
            rank={ranks.get(card.key) ?? null}
            access={props.access}
          />
        ))}
      </div>
    </Layout>
  );
}
