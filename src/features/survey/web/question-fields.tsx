import type { Answers } from '../definition/answers.ts';
import { AGREE_SCALE, RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import type { Language, Question, QuestionGroup } from '../definition/questionnaire.schema.ts';

/**
 * One question group as plain HTML form controls: radio buttons, check boxes, a text box or a
 * select, each question a fieldset with its legend, the error next to it. No script is needed;
 * large touch targets and one column make it work on a 320 px phone.
 */

const UI = {
  nl: {
    required: '(verplicht)',
    postcode: 'Of vul uw postcode in',
    place: 'Plaats',
    none: '–',
    choose: 'Kies uw buurt',
  },
  en: {
    required: '(required)',
    postcode: 'Or fill in your postcode',
    place: 'Place',
    none: '–',
    choose: 'Choose your neighbourhood',
  },
} as const;
const ui = (l: Language) => (l === 'en' ? UI.en : UI.nl);

const id = (name: string, value?: string | number) =>
  `v-${name}${value === undefined ? '' : `-${value}`}`;

function Radio(props: { name: string; value: string; label: string; checked: boolean }) {
  return (
    <div class="wk-survey__option">
      <input
        class="utrecht-radio-button utrecht-radio-button--html-input"
        type="radio"
        id={id(props.name, props.value)}
        name={props.name}
        value={props.value}
        checked={props.checked}
      />
      <label class="utrecht-form-label" for={id(props.name, props.value)}>
        {props.label}
      </label>
    </div>
  );
}

function Control({
  q,
  answers,
  language,
  buurten,
  invalid,
}: {
  q: Question;
  answers: Answers;
  language: Language;
  buurten: readonly { code: string; name: string }[];
  /** The answer has an error: text boxes and lists say so (aria-invalid), next to the message. */
  invalid: boolean;
}) {
  const value = answers[q.name];
  const ariaInvalid = invalid ? 'true' : undefined;
  switch (q.type) {
    case 'single_choice':
      return (
        <>
          {q.choices.map((c) => (
            <Radio
              name={q.name}
              value={c.value}
              label={textIn(c.label, language)}
              checked={value === c.value}
            />
          ))}
        </>
      );
    case 'agree_scale':
      return (
        <>
          {AGREE_SCALE.filter((p) => q.dontKnow || p.value !== 'weet_niet').map((p) => (
            <Radio
              name={q.name}
              value={String(p.value)}
              label={textIn(p.label, language)}
              checked={String(value ?? '') === String(p.value)}
            />
          ))}
        </>
      );
    case 'grade':
      return (
        <div class="wk-survey__scale">
          {Array.from({ length: 10 }, (_, i) => (
            <Radio
              name={q.name}
              value={String(i + 1)}
              label={String(i + 1)}
              checked={value === i + 1}
            />
          ))}
        </div>
      );
    case 'multiple_choice':
      return (
        <>
          {q.choices.map((c) => (
            <div class="wk-survey__option">
              <input
                class="utrecht-checkbox utrecht-checkbox--html-input"
                type="checkbox"
                id={id(q.name, c.value)}
                name={q.name}
                value={c.value}
                checked={Array.isArray(value) && value.includes(c.value)}
              />
              <label class="utrecht-form-label" for={id(q.name, c.value)}>
                {textIn(c.label, language)}
              </label>
            </div>
          ))}
        </>
      );
    case 'matrix':
      return (
        <>
          {q.rows.map((row) => (
            <fieldset class="wk-survey__row">
              <legend class="wk-survey__row-legend">{textIn(row.text, language)}</legend>
              {q.choices.map((c) => (
                <Radio
                  name={row.name}
                  value={c.value}
                  label={textIn(c.label, language)}
                  checked={answers[row.name] === c.value}
                />
              ))}
            </fieldset>
          ))}
        </>
      );
    case 'number':
      return (
        <input
          class="utrecht-textbox utrecht-textbox--html-input wk-survey__short"
          type="text"
          inputMode={q.integer ? 'numeric' : 'decimal'}
          id={id(q.name)}
          name={q.name}
          aria-labelledby={`${id(q.name)}-vraag`}
          aria-invalid={ariaInvalid}
          value={value === undefined ? '' : String(value)}
        />
      );
    case 'open_text':
      return (
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id={id(q.name)}
          name={q.name}
          rows={4}
          maxLength={q.maxLength}
          aria-labelledby={`${id(q.name)}-vraag`}
          aria-invalid={ariaInvalid}
        >
          {typeof value === 'string' ? value : ''}
        </textarea>
      );
    case 'theme_ranking': {
      const ranked = Array.isArray(value) ? value : [];
      return (
        <>
          {RANKED_THEMES.map((t) => {
            const place = ranked.indexOf(t.key) + 1;
            return (
              <div class="wk-survey__option">
                <label class="utrecht-form-label" for={id(q.name, t.key)}>
                  {textIn(t.label, language)}
                </label>{' '}
                <select
                  class="utrecht-select wk-survey__short"
                  id={id(q.name, t.key)}
                  name={`${q.name}__${t.key}`}
                  aria-invalid={ariaInvalid}
                >
                  <option value="">{ui(language).none}</option>
                  {Array.from({ length: q.places }, (_, i) => (
                    <option value={String(i + 1)} selected={place === i + 1}>
                      {`${ui(language).place} ${i + 1}`}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </>
      );
    }
    case 'buurt_choice': {
      const isBuurt = typeof value === 'string' && /^BU\d{8}$/.test(value);
      return (
        <>
          <label class="utrecht-form-label" for={id(q.name)}>
            {ui(language).choose}
          </label>
          <select class="utrecht-select" id={id(q.name)} name={q.name} aria-invalid={ariaInvalid}>
            <option value="">{ui(language).none}</option>
            {buurten.map((b) => (
              <option value={b.code} selected={value === b.code}>
                {b.name}
              </option>
            ))}
          </select>
          {q.allowPostcode && (
            <div class="wk-survey__option">
              <label class="utrecht-form-label" for={id(q.name, 'postcode')}>
                {ui(language).postcode}
              </label>{' '}
              <input
                class="utrecht-textbox utrecht-textbox--html-input wk-survey__short"
                type="text"
                id={id(q.name, 'postcode')}
                name={`${q.name}__postcode`}
                autocomplete="postal-code"
                aria-invalid={ariaInvalid}
                value={typeof value === 'string' && !isBuurt ? value : ''}
              />
            </div>
          )}
        </>
      );
    }
  }
}

/** The questions of one group; `asked` leaves out what the routing skips. */
export function QuestionFields(props: {
  group: QuestionGroup;
  asked: (q: Question) => boolean;
  answers: Answers;
  errors: Readonly<Record<string, string>>;
  language: Language;
  buurten: readonly { code: string; name: string }[];
}) {
  const { language } = props;
  return (
    <>
      {props.group.questions.filter(props.asked).map((q) => {
        const error =
          props.errors[q.name] ??
          (q.type === 'matrix' ? q.rows.map((r) => props.errors[r.name]).find(Boolean) : undefined);
        return (
          <fieldset
            class={`utrecht-form-fieldset wk-survey__question${error ? ' utrecht-form-field--invalid' : ''}`}
            id={`vraag-${q.name}`}
            aria-describedby={error ? `${id(q.name)}-fout` : undefined}
            aria-invalid={error ? 'true' : undefined}
          >
            <legend
              class="utrecht-form-fieldset__legend wk-survey__legend"
              id={`${id(q.name)}-vraag`}
            >
              {textIn(q.text, language)}{' '}
              {q.required && <span class="wk-muted">{ui(language).required}</span>}
            </legend>
            {q.help && <p class="utrecht-form-field-description">{textIn(q.help, language)}</p>}
            {error && (
              <p class="utrecht-form-field-error-message" id={`${id(q.name)}-fout`}>
                {error}
              </p>
            )}
            <Control
              q={q}
              answers={props.answers}
              language={language}
              buurten={props.buurten}
              invalid={error !== undefined}
            />
          </fieldset>
        );
      })}
    </>
  );
}
