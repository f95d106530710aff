import { DEFAULT_GRID, UNCHANGED_SHARE } from '../crosswalk-derivation.ts';

/**
 * How a series crosses a change of the CBS indeling, on /methode (issue 13.9, ADR 0029); written
 * from the constants the derivation uses, so the page says what is done.
 */
export function CrosswalkMethodSection() {
  const percent = Math.round(UNCHANGED_SHARE * 100);
  return (
    <>
      <h2 class="utrecht-heading-2" id="indelingen">
        Cijfers van verschillende buurtindelingen
      </h2>
      <dl class="wk-definitions" data-section="omzettabel">
        <dt>Omzettabel</dt>
        <dd>
          CBS deelt gemeenten elk jaar opnieuw in buurten en wijken in. Soms krijgt een buurt een
          nieuwe code, soms wordt een buurt gesplitst of samengevoegd. Een omzettabel zegt welk deel
          van een oude buurt in welke nieuwe buurt ligt.
        </dd>
        <dt>Hoe wij die maken</dt>
        <dd>
          {`We leggen de grenzen van de twee jaren over elkaar en meten welk deel van de oppervlakte van een oude buurt in elke nieuwe buurt ligt. De verdeling is dus naar oppervlakte, niet naar inwoners. We meten met een raster van ${DEFAULT_GRID} bij ${DEFAULT_GRID} punten over elke buurt; dat is een benadering op enkele procenten.`}
        </dd>
        <dt>Een reeks loopt door</dt>
        <dd>
          {`Overlappen een oude en een nieuwe buurt elkaar in beide richtingen voor minstens ${percent}%, dan is het dezelfde buurt (alleen de code of een klein stukje grens is anders). Dan loopt de reeks door: de cijfers van het oude jaar staan bij de nieuwe buurt.`}
        </dd>
        <dt>Gesplitst of samengevoegd</dt>
        <dd>
          Is een buurt gesplitst of samengevoegd, dan verdelen we aantallen niet naar oppervlakte:
          dat zou een cijfer zijn dat CBS nooit heeft gepubliceerd. Die buurt telt dan niet mee; we
          noemen haar bij de buurten die zijn weggelaten.
        </dd>
      </dl>
    </>
  );
}
