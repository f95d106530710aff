import { RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import {
  RTL_LANGUAGES,
  type Language,
  type Question,
  type Questionnaire,
} from '../definition/questionnaire.schema.ts';
import {
  goToText,
  instructionText,
  numberQuestions,
  paperJumps,
  type GoTo,
  type NumberedQuestion,
} from './routing.ts';
import { codedBoxes, type CodedBox, type PaperBuurt } from './paper-codes.ts';

/**
 * The printable questionnaire, made from the same definition as the web form: numbered
 * questions, tick boxes, routing in words, and a form number on every form so keyed answers
 * can be traced to the sheet of paper. Read by print CSS (assets/css/paper.css).
 */

export interface PaperFormProps {
  questionnaire: Questionnaire;
  language: Language;
  /** Printed on the form and keyed with it; undefined prints an empty box to fill in. */
  formNumber?: number;
  /** Buurten a buurt_choice question lists; without them it asks for the postcode. */
  buurten?: readonly PaperBuurt[];
}

const UI = {
  nl: {
    form: 'Formuliernummer',
    version: 'versie',
    many: 'U mag meer dan één hokje aankruisen.',
    one: 'Kruis één hokje aan.',
    grade: 'Geef een cijfer van 1 (heel slecht) tot 10 (uitstekend). Kruis één hokje aan.',
    rank: 'Zet een 1 bij het belangrijkste thema, een 2 bij het volgende, enzovoort.',
    rankUpTo: (n: number) => `Vul de nummers 1 tot en met ${n} in.`,
    postcode: 'Uw postcode (4 cijfers en 2 letters)',
    orBuurt: 'Of kruis uw buurt aan:',
    statement: 'Stelling',
    end: 'Einde van de vragenlijst. Hartelijk dank voor uw hulp!',
    returnNote: 'Doe het formulier in de antwoordenvelop. Een postzegel is niet nodig.',
    min: 'van',
    max: 'tot',
  },
  en: {
    form: 'Form number',
    version: 'version',
    many: 'You may tick more than one box.',
    one: 'Tick one box.',
    grade: 'Give a mark from 1 (very bad) to 10 (excellent). Tick one box.',
    rank: 'Write 1 next to the most important theme, 2 next to the next one, and so on.',
    rankUpTo: (n: number) => `Fill in the numbers 1 to ${n}.`,
    postcode: 'Your postcode (4 digits and 2 letters)',
    orBuurt: 'Or tick your neighbourhood:',
    statement: 'Statement',
    end: 'End of the questionnaire. Thank you very much for your help!',
    returnNote: 'Put the form in the reply envelope. No stamp is needed.',
    min: 'from',
    max: 'to',
  },
} as const;

const uiFor = (language: Language) => (language === 'en' ? UI.en : UI.nl);

/** A box to tick, drawn by CSS so it prints the same everywhere; hidden from screen readers. */
function Box() {
  return <span class="wk-paper__box" aria-hidden="true" />;
}

/** The code the keyer types for this box, printed small beside it. */
function Code({ code }: { code: string }) {
  return <span class="wk-paper__code">{code}</span>;
}

function ChoiceList({
  boxes,
  jumps,
  language,
  showValue = false,
}: {
  boxes: readonly CodedBox[];
  jumps: ReadonlyMap<string, GoTo> | undefined;
  language: Language;
  /** Print the stored value too (a buurt's CBS code), which the keyer may type instead. */
  showValue?: boolean;
}) {
  return (
    <ul class="wk-paper__choices">
      {boxes.map((o) => {
        const goTo = jumps?.get(String(o.value));
        return (
          <li class="wk-paper__choice" data-value={String(o.value)} data-code={o.code}>
            <Box />
            <Code code={o.code} /> {o.label}
            {showValue && <span class="wk-paper__value">{` (${o.value})`}</span>}
            {goTo !== undefined && (
              <strong class="wk-paper__goto" data-goto={String(goTo)}>
                {` → ${goToText(goTo, language)}`}
              </strong>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Answer({
  question,
  language,
  jumps,
  buurten,
}: {
  question: Question;
  language: Language;
  jumps: ReadonlyMap<string, GoTo> | undefined;
  buurten: PaperFormProps['buurten'];
}) {
  const ui = uiFor(language);
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <>
          <p class="wk-paper__hint">{question.type === 'multiple_choice' ? ui.many : ui.one}</p>
          <ChoiceList boxes={codedBoxes(question, language)} jumps={jumps} language={language} />
        </>
      );
    case 'agree_scale':
      return (
        <>
          <p class="wk-paper__hint">{ui.one}</p>
          <ChoiceList boxes={codedBoxes(question, language)} jumps={jumps} language={language} />
        </>
      );
    case 'grade':
      return (
        <>
          <p class="wk-paper__hint">{ui.grade}</p>
          <ul class="wk-paper__scale">
            {codedBoxes(question, language).map((b) => (
              <li class="wk-paper__choice" data-value={String(b.value)} data-code={b.code}>
                <Box />
                <Code code={b.code} />
              </li>
            ))}
          </ul>
        </>
      );
    case 'matrix':
      return (
        <table class="wk-paper__matrix">
          <thead>
            <tr>
              <th scope="col">{ui.statement}</th>
              {codedBoxes(question, language).map((b) => (
                <th scope="col">
                  <Code code={b.code} /> {b.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {question.rows.map((row, i) => (
              <tr data-row={row.name}>
                <th scope="row">{`${String.fromCharCode(97 + i)}. ${textIn(row.text, language)}`}</th>
                {codedBoxes(question, language).map((b) => (
                  <td data-value={b.value} data-code={b.code}>
                    <Box />
                    <Code code={b.code} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'number':
      return (
        <p class="wk-paper__field">
          <span class="wk-paper__write wk-paper__write--short" aria-hidden="true" />
          {question.unit ? ` ${textIn(question.unit, language)}` : ''}
          {question.min !== undefined && question.max !== undefined
            ? ` (${ui.min} ${question.min} ${ui.max} ${question.max})`
            : ''}
        </p>
      );
    case 'open_text':
      return (
        <div class="wk-paper__lines" aria-hidden="true">
          {Array.from(
            { length: Math.min(8, Math.max(3, Math.ceil(question.maxLength / 200))) },
            () => (
              <span class="wk-paper__line" />
            ),
          )}
        </div>
      );
    case 'theme_ranking':
      return (
        <>
          <p class="wk-paper__hint">{`${ui.rank} ${ui.rankUpTo(question.places)}`}</p>
          <ul class="wk-paper__choices">
            {RANKED_THEMES.map((t) => (
              <li class="wk-paper__choice" data-value={t.key}>
                <span class="wk-paper__box wk-paper__box--number" aria-hidden="true" />{' '}
                {textIn(t.label, language)}
              </li>
            ))}
          </ul>
        </>
      );
    case 'buurt_choice':
      return (
        <>
          {question.allowPostcode && (
            <p class="wk-paper__field">
              {`${ui.postcode}: `}
              <span class="wk-paper__write wk-paper__write--postcode" aria-hidden="true" />
            </p>
          )}
          {buurten && buurten.length > 0 && (
            <>
              {question.allowPostcode && <p class="wk-paper__hint">{ui.orBuurt}</p>}
              <ChoiceList
                boxes={codedBoxes(question, language, buurten)}
                jumps={undefined}
                language={language}
                showValue
              />
            </>
          )}
        </>
      );
  }
}

function QuestionBlock({
  item,
  numbered,
  language,
  jumps,
  buurten,
}: {
  item: NumberedQuestion;
  numbered: readonly NumberedQuestion[];
  language: Language;
  jumps: Map<string, Map<string, GoTo>>;
  buurten: PaperFormProps['buurten'];
}) {
  const { question } = item;
  const instruction = instructionText(item, numbered, language);
  return (
    <section class="wk-paper__question" data-question={question.name} data-number={item.number}>
      <h3 class="wk-paper__title">
        <span class="wk-paper__number">{`${item.number}.`}</span> {textIn(question.text, language)}
      </h3>
      {instruction && <p class="wk-paper__instruction">{instruction}</p>}
      {question.help && <p class="wk-paper__hint">{textIn(question.help, language)}</p>}
      <Answer
        question={question}
        language={language}
        jumps={jumps.get(question.name)}
        buurten={buurten}
      />
    </section>
  );
}

/** One printed form: a header with the form number, the groups, and the closing words. */
export function PaperForm({ questionnaire, language, formNumber, buurten }: PaperFormProps) {
  const ui = uiFor(language);
  const numbered = numberQuestions(questionnaire);
  const jumps = paperJumps(numbered);
  const number = formNumber === undefined ? undefined : String(formNumber).padStart(6, '0');
  return (
    <article
      class="wk-paper"
      lang={language}
      dir={RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'}
      data-form-number={number ?? ''}
    >
      {/*
       * A layout table only so that the form number repeats at the top of every printed page:
       * Chromium repeats a table's <thead> on each page the table runs over (CSS tables made of
       * divs do not repeat). On screen the frame is plain blocks and the running line is hidden.
       */}
      <table class="wk-paper__frame" role="presentation">
        <thead class="wk-paper__running" aria-hidden="true">
          <tr>
            <td>
              {`${ui.form}: `}
              {number ? (
                <strong>{number}</strong>
              ) : (
                <span class="wk-paper__write wk-paper__write--short" />
              )}
              <span class="wk-paper__version">{` · ${questionnaire.key} ${ui.version} ${questionnaire.version}`}</span>
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="wk-paper__sheet">
              <header class="wk-paper__header">
                <h2 class="wk-paper__heading">{textIn(questionnaire.title, language)}</h2>
                <p class="wk-paper__form-number">
                  {`${ui.form}: `}
                  {number ? (
                    <strong>{number}</strong>
                  ) : (
                    <span class="wk-paper__write wk-paper__write--short" aria-hidden="true" />
                  )}
                  <span class="wk-paper__version">{` · ${questionnaire.key} ${ui.version} ${questionnaire.version}`}</span>
                </p>
              </header>
              {questionnaire.intro && (
                <p class="wk-paper__intro">{textIn(questionnaire.intro, language)}</p>
              )}
              {questionnaire.groups.map((group) => (
                <section class="wk-paper__group" data-group={group.name}>
                  <h2 class="wk-paper__group-title">{textIn(group.title, language)}</h2>
                  {group.intro && <p class="wk-paper__intro">{textIn(group.intro, language)}</p>}
                  {numbered
                    .filter((n) => n.group === group)
                    .map((item) => (
                      <QuestionBlock
                        item={item}
                        numbered={numbered}
                        language={language}
                        jumps={jumps}
                        buurten={buurten}
                      />
                    ))}
                </section>
              ))}
              <footer class="wk-paper__end">
                <p>{ui.end}</p>
                <p>{ui.returnNote}</p>
              </footer>
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}
