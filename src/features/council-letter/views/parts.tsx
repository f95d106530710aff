import { fieldId } from '../../../views/components/form.tsx';
import { tableScroll } from '../../../views/table-scroll.ts';
import { NOT_LOADED } from '../live-blocks.ts';
import type { ChangedFigure, LiveBlock } from '../snapshot.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';
import { describedBy, Field } from '../../../views/components/field.tsx';
import { TextArea } from '../../../views/components/form-controls.tsx';

/** Plain text as paragraphs: a blank line starts a new one. Everything is escaped by preact. */
export function LetterText(props: { text: string; empty?: string }) {
  const parts = props.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    return <p class="utrecht-paragraph wk-muted">{props.empty ?? 'Nog geen tekst.'}</p>;
  return (
    <>
      {parts.map((p) => (
        <p class="utrecht-paragraph">
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** A live block: its figures as a table, or "nog niet geladen"; always its source and version. */
export function BlockView(props: { block: LiveBlock; headingLevel?: 3 | 4 }) {
  const b = props.block;
  const Heading = props.headingLevel === 4 ? 'h4' : 'h3';
  return (
    <div class="wk-stack">
      <Heading class={props.headingLevel === 4 ? 'utrecht-heading-4' : 'utrecht-heading-3'}>
        {b.title}
      </Heading>
      {b.loaded ? (
        <div {...tableScroll(b.title)}>
          <Table>
            <TableCaption>{b.title}</TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Onderwerp</Th>
                <Th scope="col">Cijfer</Th>
                <Th scope="col">Toelichting</Th>
              </Tr>
            </THead>
            <TBody>
              {b.figures.map((f) => (
                <Tr data-figuur={`${b.key}:${f.key}`}>
                  <Th scope="row">{f.label}</Th>
                  <Td>{f.value}</Td>
                  <Td>{f.note ?? ''}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : (
        <p class="utrecht-paragraph">Deze cijfers zijn {NOT_LOADED}.</p>
      )}
      <p class="utrecht-paragraph wk-muted">
        Bron: {b.source}. Gegevensversie {b.dataVersion}.
      </p>
    </div>
  );
}

/** The figures that changed since the letter before. */
export function ChangesView(props: { changes: ChangedFigure[]; previous: string }) {
  if (props.changes.length === 0)
    return <p class="utrecht-paragraph">Geen cijfers veranderd sinds {props.previous}.</p>;
  const caption = `Cijfers die veranderd zijn sinds ${props.previous}`;
  return (
    <div {...tableScroll(caption)}>
      <Table id="veranderde-cijfers">
        <TableCaption>{caption}</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Onderdeel</Th>
            <Th scope="col">Cijfer</Th>
            <Th scope="col">Was</Th>
            <Th scope="col">Is nu</Th>
          </Tr>
        </THead>
        <TBody>
          {props.changes.map((c) => (
            <Tr>
              <Td>{c.block}</Td>
              <Th scope="row">{c.label}</Th>
              <Td>{c.before ?? 'niet in de vorige brief'}</Td>
              <Td>{c.after ?? 'niet meer in deze brief'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export function InputField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  description?: string;
  type?: 'text' | 'date' | 'email';
}) {
  return (
    <Field {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${props.error ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(props.name), props)}
      />
    </Field>
  );
}

export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  description?: string;
}) {
  return (
    <TextArea
      name={props.name}
      label={props.label}
      value={props.value}
      error={props.error}
      description={props.description}
      rows={6}
    />
  );
}
