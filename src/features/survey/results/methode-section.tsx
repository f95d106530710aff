import { PUBLICATION_RULES, TOO_UNCERTAIN } from '../weighting/publication.ts';
import { MINIMUM_CELL_N } from '../weighting/suppression.ts';
import { TRIM_BAND } from './survey-results.ts';

const nl = (v: number) => v.toLocaleString('nl-NL');

/**
 * The survey rules on /methode (ADR 0019), written from the same constants the code uses, so
 * the page cannot say something else than what is done.
 */
export function SurveyMethodSection() {
  return (
    <>
      <h2 class="utrecht-heading-2" id="enquete">
        Cijfers uit de enquête
      </h2>
      <dl class="wk-definitions" data-section="enquete">
        <dt>Kleine aantallen</dt>
        <dd>
          {`Een aantal van 1 tot en met ${MINIMUM_CELL_N - 1} mensen tonen we niet, in geen enkele tabel, pagina of download. Een 0 tonen we wel: daar is niemand te beschermen. Zou u een verborgen aantal kunnen uitrekenen uit het totaal of de andere getallen, dan verbergen we nog een getal. Ook een groep (buurt, wijk, kanaal) met minder dan ${MINIMUM_CELL_N} mensen tonen we niet.`}
        </dd>
        <dt>Weet niet</dt>
        <dd>
          "Weet niet" en "zeg ik liever niet" tellen we apart. Ze tellen niet mee in de percentages
          (geldige percentages), ook niet in de downloads.
        </dd>
        <dt>Weging</dt>
        <dd>
          {`We wegen naar buurt, leeftijd en geslacht (CBS). Heeft een buurt geen antwoorden, dan wegen we die wijk als geheel; heeft een wijk geen antwoorden, dan het hele focusgebied. Gewichten kappen we af op ${nl(TRIM_BAND.lower)} tot ${nl(TRIM_BAND.upper)} keer het gemiddelde, tenzij de vragenlijst iets anders zegt. Komt de weging niet uit, dan tonen we er niets van.`}
        </dd>
        <dt>Marge en onzekerheid</dt>
        <dd>
          {`De marge is het 95%-betrouwbaarheidsinterval, berekend op de logit-schaal: hij blijft altijd tussen 0 en 100%. Een cijfer tonen we alleen als het effectief aantal antwoorden minstens ${PUBLICATION_RULES.minEffectiveN} is en de marge naar elke kant hoogstens ${PUBLICATION_RULES.maxHalfWidthPoints} procentpunt. Anders staat er "${TOO_UNCERTAIN}", met de reden.`}
        </dd>
      </dl>
    </>
  );
}
