import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { findArea } from '../../areas/index.ts';
import { findFocusAreaDetail } from '../../focus-areas/index.ts';
import { hasPostcodeTable, placeOfPostcode } from '../../imports/index.ts';
import { allQuestions, type AnswerValue } from '../definition/answers.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';

/**
 * A postcode given where the buurt is asked, mapped to a buurt through the CBS postcode table of
 * the survey's indeling year when one is loaded. A postcode that lies wholly in one buurt of the
 * municipality becomes that buurt (the postcode itself is not kept: a six-position postcode
 * nearly names an address). A postcode outside the municipality, or one the table does not
 * know, is refused with a Dutch message. Without a table, or when the postcode spans several
 * buurten, the postcode stays the answer, and the results say it is not mapped.
 */

export interface SurveyPlace {
  municipalityCode: string;
  indelingYear: number;
}

export interface PostcodeProblem {
  variable: string;
  message: string;
}

const POSTCODE = /^[1-9]\d{3}([A-Z]{2})?$/;

/** `3314AB` → `3314 AB`, as people write it. */
const shown = (pc: string) => (pc.length === 6 ? `${pc.slice(0, 4)} ${pc.slice(4)}` : pc);

export async function placePostcodeAnswers(
  db: Kysely<Database>,
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
  place: SurveyPlace,
  /** How a question is named in messages: "Vraag 1" on the keying screen. */
  nameOf: (variable: string) => string = (v) => v,
): Promise<{ answers: Record<string, AnswerValue>; problems: PostcodeProblem[] }> {
  const out = { ...answers };
  const problems: PostcodeProblem[] = [];
  for (const { question } of allQuestions(q)) {
    if (question.type !== 'buurt_choice') continue;
    const value = answers[question.name];
    if (typeof value !== 'string' || !POSTCODE.test(value)) continue;
    const found = await placeOfPostcode(db, value, place.municipalityCode, place.indelingYear);
    if (found.kind === 'buurt') out[question.name] = found.buurtCode;
    else if (found.kind === 'buiten_gemeente' || found.kind === 'onbekend') {
      const municipality =
        (await findArea(db, place.indelingYear, place.municipalityCode))?.name ??
        place.municipalityCode;
      const elsewhere =
        found.kind === 'buiten_gemeente'
          ? await Promise.all(
              found.gemeenteCodes.map(
                async (c) => (await findArea(db, place.indelingYear, c))?.name ?? c,
              ),
            )
          : [];
      problems.push({
        variable: question.name,
        message:
          found.kind === 'buiten_gemeente'
            ? `${nameOf(question.name)}: postcode ${shown(value)} ligt niet in de gemeente ${municipality}, maar in ${elsewhere.join(' en ')}. Deze enquête is alleen voor bewoners van ${municipality}. Kijk de postcode na, of kies de buurt.`
            : `${nameOf(question.name)}: postcode ${shown(value)} staat niet in de postcodetabel van het CBS (indeling ${place.indelingYear}). Kijk de postcode na, of kies de buurt.`,
      });
    }
  }
  return { answers: out, problems };
}

/**
 * For the results page: how many counted responses answer a buurt question with a postcode only,
 * and why it is not mapped (no CBS table of the survey's indeling year, or it spans buurten).
 * Undefined when there are none.
 */
export async function unmappedPostcodeNote(
  db: Kysely<Database>,
  q: Questionnaire,
  responses: readonly { answers: Readonly<Record<string, AnswerValue>> }[],
  indelingYear: number | undefined,
): Promise<string | undefined> {
  const buurtQuestions = allQuestions(q)
    .map(({ question }) => question)
    .filter((question) => question.type === 'buurt_choice')
    .map((question) => question.name);
  const n = responses.filter((r) =>
    buurtQuestions.some((name) => {
      const v = r.answers[name];
      return typeof v === 'string' && POSTCODE.test(v);
    }),
  ).length;
  if (n === 0) return undefined;
  const some = n === 1 ? '1 antwoord heeft' : `${n} antwoorden hebben`;
  if (indelingYear === undefined || !(await hasPostcodeTable(db, indelingYear))) {
    return `${some} bij de buurt alleen een postcode. Die is niet aan een buurt gekoppeld: er is geen postcodetabel van het CBS${indelingYear === undefined ? '' : ` (indeling ${indelingYear})`} geladen. Zonder buurt tellen ze niet mee in de weging.`;
  }
  return `${some} bij de buurt alleen een postcode die niet aan één buurt is gekoppeld (bijvoorbeeld omdat die in meer buurten ligt). Zonder buurt tellen ze niet mee in de weging.`;
}

/**
 * The same check for the web, interviewer and API channels: the survey's place is its focus
 * area's municipality and indeling year. Messages name the question by its Dutch text.
 */
export async function placeSurveyPostcodes(
  db: Kysely<Database>,
  q: Questionnaire,
  answers: Readonly<Record<string, AnswerValue>>,
): Promise<{ answers: Record<string, AnswerValue>; problems: PostcodeProblem[] }> {
  const hasPostcode = allQuestions(q).some(({ question }) => {
    const v = answers[question.name];
    return question.type === 'buurt_choice' && typeof v === 'string' && POSTCODE.test(v);
  });
  if (!hasPostcode) return { answers: { ...answers }, problems: [] };
  // A questionnaire whose focus area is not loaded places no postcodes (a typed absence).
  const area = await findFocusAreaDetail(db, q.focusArea);
  const year = area?.version?.indeling_year;
  if (!area || year === undefined) return { answers: { ...answers }, problems: [] };
  const texts = new Map(allQuestions(q).map(({ question }) => [question.name, question.text.nl]));
  return placePostcodeAnswers(
    db,
    q,
    answers,
    { municipalityCode: area.area.municipality_code, indelingYear: year },
    (v) => `Bij "${texts.get(v) ?? v}"`,
  );
}
