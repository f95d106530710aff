import type { IndicatorAggregate, ObservationSource } from '../aggregation/index.ts';
import { measureVariables, type Indicator } from '../indicators/index.ts';
import type { RowFlag } from '../../shared/data-table.ts';
import { emptyColumnKey } from './missing-figure.repository.ts';

/**
 * Why a figure is missing, in one of four states (ADR 0022), decided from the loaded data and
 * the source's metadata, never by default:
 * - niet geladen: Wijkkompas holds no figure of this area for the period;
 * - niet gepubliceerd: the file is loaded, but its column is empty for every area: CBS had not
 *   (yet) published it for this period;
 * - geheim: CBS left this area's cell empty while publishing others (its symbol "."):
 *   suppressed for privacy or reliability;
 * - niet van toepassing: the figure is not defined for this area (a rate over zero inhabitants,
 *   an average of counts, a survey the area was not asked, a cell the publisher marks as one
 *   that cannot exist: CBS v4's "Impossible").
 */
export type MissingState = 'niet geladen' | 'niet gepubliceerd' | 'geheim' | 'niet van toepassing';

/** The words every page uses, and the download flag of each state. */
export const MISSING_WORDS: Record<MissingState, string> = {
  'niet geladen': 'nog niet geladen',
  'niet gepubliceerd': '(nog) niet gepubliceerd door CBS',
  geheim: 'geheim (CBS)',
  'niet van toepassing': 'niet van toepassing',
};

export const MISSING_FLAG: Record<MissingState, RowFlag> = {
  'niet geladen': 'niet geladen',
  'niet gepubliceerd': 'niet gepubliceerd',
  geheim: 'geheim',
  'niet van toepassing': 'niet van toepassing',
};

/** A sentence for a missing figure: the state's words first, then why. */
export function missingText(state: MissingState, why?: string): string {
  const words = MISSING_WORDS[state];
  const first =
    words.charAt(0) === '('
      ? `(N${words.slice(2)}`
      : words.charAt(0).toUpperCase() + words.slice(1);
  return why ? `${first}: ${why}` : `${first}.`;
}

const NOT_DEFINED_NOTES = ['De noemer is nul.', 'De basis om mee te wegen is nul.'];

/**
 * The state of a result without a value. `empty` holds the keys of the empty columns
 * (missing-figure.repository.ts); the rows behind a secret exclusion are looked up in `source`
 * to see which dataset they came from.
 */
export async function missingStateOf(
  source: ObservationSource,
  empty: ReadonlySet<string>,
  indicator: Indicator,
  result: IndicatorAggregate,
): Promise<MissingState> {
  if (result.status === 'nog niet geladen') return 'niet geladen';
  if (result.status === 'uit enquête') return 'niet van toepassing';
  if (result.note && NOT_DEFINED_NOTES.includes(result.note)) return 'niet van toepassing';
  if (result.note && /te klein om te tonen/.test(result.note)) return 'niet van toepassing';
  const secret = result.excluded.filter((e) => e.reason === 'geheim').map((e) => e.code);
  // The publisher marked every left-out area's figure as one that cannot exist (ADR 0042).
  if (
    secret.length === 0 &&
    result.excluded.length > 0 &&
    result.excluded.every((e) => e.reason === 'niet van toepassing')
  )
    return 'niet van toepassing';
  if (secret.length === 0) return 'niet geladen';
  const variables = measureVariables(indicator.measure);
  let unpublished = 0;
  for (const code of secret) {
    let inEmptyColumn = false;
    for (const variable of variables) {
      const year = result.dataIndelingYears[variable] ?? result.indelingYear;
      const rows = await source.observations({
        variables: [variable],
        indelingYear: year,
        areaCodes: [code],
        periods: [result.period],
      });
      const row = rows[0];
      if (
        row &&
        row.value === null &&
        empty.has(emptyColumnKey(row.dataset_id, variable, row.period, year))
      )
        inEmptyColumn = true;
    }
    if (inEmptyColumn) unpublished++;
  }
  return unpublished === secret.length ? 'niet gepubliceerd' : 'geheim';
}

/** What each state says about a figure CBS publishes for one area (NL, a municipality, a wijk). */
export function publishedAreaNote(state: MissingState, name: string): string {
  switch (state) {
    case 'niet geladen':
      return missingText(state, `Wijkkompas heeft dit cijfer voor ${name} nog niet.`);
    case 'niet gepubliceerd':
      return missingText(
        state,
        `het bestand is geladen, maar CBS vulde dit cijfer voor ${name} in deze periode (nog) niet in.`,
      );
    case 'geheim':
      return missingText(state, `CBS houdt dit cijfer voor ${name} geheim.`);
    case 'niet van toepassing':
      return missingText(state, `dit cijfer bestaat niet voor ${name}.`);
  }
}

/** What each state says about a set of buurten or wijken (a focus area, a custom area, a buurt). */
export function areaNote(state: MissingState, result: IndicatorAggregate): string {
  switch (state) {
    case 'niet geladen':
      return missingText(
        state,
        'Wijkkompas heeft dit cijfer voor deze buurten of wijken nog niet.',
      );
    case 'niet gepubliceerd':
      return missingText(
        state,
        'het bestand is geladen, maar CBS vulde dit cijfer in deze periode (nog) niet in.',
      );
    case 'geheim':
      return missingText(
        state,
        'CBS houdt dit cijfer voor alle buurten of wijken van dit gebied geheim.',
      );
    case 'niet van toepassing':
      return missingText(state, result.note ?? 'dit cijfer bestaat niet voor dit gebied.');
  }
}
