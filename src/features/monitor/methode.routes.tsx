import type { FastifyInstance } from 'fastify';
import { Layout } from '../../views/layout.tsx';
import { htmlPage, renderPage, sendHtmlPage, type HtmlPage } from '../../views/render.ts';
import { STATUS_RULE_NL, TARGET_KINDS_NL } from '../targets/index.ts';
import { REFERENCE_KEYS, REFERENCE_LABELS, type ReferenceKey } from './profile.types.ts';
import { MIN_INHABITANTS } from './custom-areas/custom-area.service.ts';
import { TERM_KEYS, TERMS } from './terms.ts';
import { SurveyMethodSection } from '../survey/index.ts';
import { CrosswalkMethodSection } from '../areas/index.ts';

const MIN_TEXT = MIN_INHABITANTS.toLocaleString('nl-NL');

/** How we add up buurten, one rule per kind of figure (DESIGN.md, docs/indicators.md). */
export const AGGREGATION_RULES_NL: readonly { key: string; name: string; rule: string }[] = [
  {
    key: 'count',
    name: 'Aantallen',
    rule: 'We tellen de aantallen van de buurten op. Voorbeeld: het aantal inwoners.',
  },
  {
    key: 'ratio',
    name: 'Verhoudingen en dichtheden (per 100, per 1.000, per km²)',
    rule:
      'We tellen eerst de tellers van alle buurten op en daarna de noemers. Dan delen we de ' +
      'twee sommen. We nemen nooit het gemiddelde van percentages van buurten. Een dichtheid ' +
      'rekenen we net zo: alle inwoners samen gedeeld door alle landoppervlakte samen, niet het ' +
      'gemiddelde van de dichtheden die het CBS per buurt geeft.',
  },
  {
    key: 'share_published',
    name: 'Percentages die het CBS alleen als percentage geeft',
    rule:
      'We rekenen per buurt terug hoeveel mensen of woningen het percentage is, met de basis ' +
      'die het CBS gebruikt. Die aantallen tellen we op en delen we door de totale basis. Zo’n ' +
      'cijfer krijgt het label "herberekend". Is de basis een benadering, dan staat er ook ' +
      '"benadering". Geeft een ander bestand van het CBS hetzelfde cijfer als aantal (zoals de ' +
      'leeftijdsgroepen van de gemeente in 2024), dan rekenen we met dat aantal: dan is er niets ' +
      'terug te rekenen.',
  },
  {
    key: 'mean',
    name: 'Gemiddelden',
    rule:
      'We wegen het gemiddelde van elke buurt met zijn basis (bijvoorbeeld het aantal woningen) ' +
      'en delen door de totale basis. Is die basis niet precies de groep waarover het gemiddelde ' +
      'gaat, dan krijgt het cijfer het label "benadering".',
  },
  {
    key: 'median',
    name: 'Medianen',
    rule:
      'Een mediaan kun je niet optellen. We tonen daarom de laagste en de hoogste waarde van ' +
      'de buurten (het bereik).',
  },
  {
    key: 'model_estimate',
    name: 'Schattingen uit een model',
    rule:
      'Sommige cijfers zijn schattingen, bijvoorbeeld van het RIVM. We nemen het gewogen ' +
      'gemiddelde van de buurten. Het cijfer krijgt het label "gemodelleerd".',
  },
  {
    key: 'survey_proportion',
    name: 'Cijfers uit de bewonersenquête',
    rule:
      'Deze cijfers rekenen we uit de antwoorden van bewoners, met weging. We geven er een ' +
      'marge bij (het betrouwbaarheidsinterval).',
  },
  {
    key: 'suppressed',
    name: 'Geheime of ontbrekende buurtcijfers',
    rule:
      'Het CBS maakt cijfers van kleine buurten soms geheim. Zo’n buurt tellen we niet mee en ' +
      'dat zeggen we erbij, bijvoorbeeld: "excl. 2 buurten, ca. 180 inwoners". We vullen nooit ' +
      'zelf iets in. Zijn alle buurten geheim, dan is er geen cijfer, nooit een 0. Is een bron ' +
      'nog niet ingelezen, dan staat er "nog niet geladen". Zegt de bron dat een cijfer voor een ' +
      'buurt niet kan bestaan, dan staat er "niet van toepassing" en telt die buurt niet mee. ' +
      'Een jaar waarin geen enkel gebied een cijfer heeft, laten we bij die indicator weg.',
  },
];

const REFERENCE_EXPLANATION: Record<ReferenceKey, string> = {
  rest_gemeente:
    'Alle buurten van de gemeente die niet bij het focusgebied horen, opgeteld met dezelfde regels.',
  gemeente:
    'Het cijfer dat het CBS voor de hele gemeente geeft. Ontbreekt dat in Wijkkompas, dan tellen ' +
    'wij de geladen buurten op en zeggen we dat erbij ("som van 24 geladen buurten"). Voor ' +
    'jaren zonder CBS-bestand in Wijkkompas kan het cijfer van de gemeente uit de kengetallen ' +
    'van haar begroting komen (Dordrecht 2014 tot en met 2020), maar alleen als de gemeente ' +
    'hetzelfde telt als het CBS. Telt de begroting iets anders, zoals uitkeringen in plaats van ' +
    'personen, dan gebruiken we het niet en staat dat bij het cijfer onder "Over de reeks".',
  nederland: 'Het cijfer dat het CBS voor heel Nederland geeft.',
  nplv: TERMS.nplv.text,
};

function Term({ name, id, children }: { name: string; id?: string; children: string }) {
  return (
    <>
      <dt {...(id ? { id } : {})}>{name}</dt>
      <dd>
        <p class="utrecht-paragraph">{children}</p>
      </dd>
    </>
  );
}

/** /methode: every rule the monitor uses, in plain Dutch. */
export async function methodeRoutes(app: FastifyInstance) {
  // The page has no data in it: rendered (and compressed) once, on the first visit.
  let page: HtmlPage | undefined;
  app.get('/methode', async (request, reply) => {
    page ??= htmlPage(renderMethode());
    return sendHtmlPage(request, reply, page);
  });
}

function renderMethode(): string {
  return renderPage(
    <Layout
      title="Hoe wij rekenen"
      description="Hoe Wijkkompas de cijfers van buurten samenvoegt, waarmee wij vergelijken en hoe wij bepalen of een gebied op koers ligt."
      breadcrumbs={[{ href: '/', label: 'Focusgebieden' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Hoe wij rekenen</h1>
        <p class="utrecht-paragraph wk-lead">
          Een focusgebied bestaat uit een aantal buurten van het CBS. Op deze pagina leest u hoe wij
          de cijfers van die buurten samenvoegen, waarmee we vergelijken en hoe we bepalen of een
          gebied op koers ligt.
        </p>

        <h2 class="utrecht-heading-2" id="optellen">
          Buurten samenvoegen
        </h2>
        <dl class="wk-definitions" data-section="rekenregels">
          {AGGREGATION_RULES_NL.map((r) => (
            <Term name={r.name}>{r.rule}</Term>
          ))}
        </dl>

        <CrosswalkMethodSection />

        <h2 class="utrecht-heading-2" id="vergelijken">
          Vergelijken
        </h2>
        <p class="utrecht-paragraph">
          Bij elk cijfer ziet u dezelfde periode voor deze gebieden. Is er voor die periode geen
          cijfer, dan staat er een streepje (–) met de reden.
        </p>
        <dl class="wk-definitions" data-section="vergelijking">
          {REFERENCE_KEYS.map((k) => (
            <Term name={REFERENCE_LABELS[k]} {...(k === 'nplv' ? { id: TERMS.nplv.anchor } : {})}>
              {REFERENCE_EXPLANATION[k]}
            </Term>
          ))}
        </dl>

        <h2 class="utrecht-heading-2" id="woorden">
          Woorden bij de cijfers
        </h2>
        <p class="utrecht-paragraph">
          Naast een cijfer staat soms een woord. Dit betekent het. Op de pagina's met cijfers staat
          dezelfde uitleg onder de tabellen.
        </p>
        <dl class="wk-definitions" data-section="woorden">
          {TERM_KEYS.filter((k) => k !== 'nplv').map((k) => (
            <Term name={TERMS[k].word} id={TERMS[k].anchor}>
              {TERMS[k].text}
            </Term>
          ))}
        </dl>

        <h2 class="utrecht-heading-2" id="doelen">
          Soorten doelen
        </h2>
        <p class="utrecht-paragraph">
          Een doel hoort bij één indicator en één focusgebied. Tussen de nulmeting en het doeljaar
          trekken we een rechte lijn: zo weten we welke waarde we elk jaar verwachten. Doelen met
          het woord "voorbeeld" zijn nog niet vastgesteld.
        </p>
        <dl class="wk-definitions" data-section="doelen">
          {TARGET_KINDS_NL.map((k) => (
            <Term name={k.name}>{k.rule}</Term>
          ))}
        </dl>

        <h2 class="utrecht-heading-2" id="status">
          Op koers of niet
        </h2>
        <p class="utrecht-paragraph">
          We kijken in deze volgorde. De eerste regel die past, bepaalt de status.
        </p>
        <dl class="wk-definitions" data-section="status">
          {STATUS_RULE_NL.map((s) => (
            <Term name={s.status}>{s.rule}</Term>
          ))}
        </dl>

        <h2 class="utrecht-heading-2" id="meetonzekerheid">
          Meetonzekerheid
        </h2>
        <p class="utrecht-paragraph">
          Een klein verschil kan toeval zijn. Het CBS rondt kleine aantallen af op 5 en percentages
          op hele getallen. Daarom rekenen we voor elk cijfer uit hoeveel het door afronding alleen
          al kan schuiven. Bij aantallen is dat 5 × de wortel van het aantal buurten. Bij
          verhoudingen rekenen we dat om naar de verhouding. Bij cijfers uit een enquête of model
          nemen we de marge als die groter is. Een verandering die kleiner is dan deze
          meetonzekerheid telt niet als verbetering of verslechtering.
        </p>

        <h2 class="utrecht-heading-2" id="eigen-gebied">
          Een eigen gebied
        </h2>
        <p class="utrecht-paragraph">
          Op de pagina{' '}
          <a class="utrecht-link" href="/eigen-gebied">
            Eigen gebied
          </a>{' '}
          kiest u zelf buurten. U krijgt dezelfde cijfers als voor een focusgebied, met dezelfde
          regels. Twee regels beschermen de mensen die in kleine buurten wonen:
        </p>
        <dl class="wk-definitions" data-section="eigen-gebied">
          <Term name={`Minstens ${MIN_TEXT} inwoners`}>
            {`Samen moeten de gekozen buurten minstens ${MIN_TEXT} inwoners hebben. Bij minder inwoners zeggen de cijfers te veel over personen.`}
          </Term>
          <Term name="Geen klein verschil met een gebied dat wij al tonen">
            {`Het CBS houdt de cijfers van sommige kleine buurten geheim. Verschilt uw keuze van een gebied dat wij al tonen (een buurt, een wijk, de gemeente of een focusgebied) alleen in een paar buurten met samen minder dan ${MIN_TEXT} inwoners, en is daar een geheime buurt bij? Dan tonen wij uw gebied niet. Door de twee cijfers van elkaar af te trekken zou u anders de geheime cijfers kunnen uitrekenen. Een buurt zonder inwoners telt hier niet als geheim: daar is niemand te beschermen.`}
          </Term>
        </dl>

        <SurveyMethodSection />

        <h2 class="utrecht-heading-2" id="bronnen">
          Bronnen
        </h2>
        <p class="utrecht-paragraph">
          De meeste cijfers komen van het CBS (Kerncijfers wijken en buurten, en cijfers van de
          politie via het CBS). Bij elk cijfer staat de bron. Een overzicht van alle bronnen, met de
          datum waarop we ze hebben ingelezen, staat op de pagina{' '}
          <a class="utrecht-link" href="/bronnen">
            Bronnen
          </a>
          .
        </p>
      </div>
    </Layout>,
  );
}
