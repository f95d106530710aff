import { tableScroll } from '../../../views/table-scroll.ts';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { ACTION_STATUS_LABELS } from '../alliance.labels.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import type { ActionView, FieldErrors } from '../alliance.service.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { EditLink } from './edit-form.tsx';
import { Select } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

function ActionTable(props: {
  caption: string;
  actions: ActionView[];
  base: string;
  canEdit: boolean;
  csrf: string;
  /** The status select's id needs a part per table, as an action can be in both tables. */
  part: string;
  errors: FieldErrors;
  failedId: string | undefined;
}) {
  return (
    <div {...tableScroll(props.caption)}>
      <Table>
        <TableCaption>{props.caption}</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Actie</Th>
            <Th scope="col">Eigenaar</Th>
            <Th scope="col">Deadline</Th>
            <Th scope="col">Status</Th>
          </Tr>
        </THead>
        <TBody>
          {props.actions.map((a) => (
            <Tr>
              <Th scope="row">
                {a.description}
                {a.decisionNumber && <span class="wk-muted"> · besluit {a.decisionNumber}</span>}
                {props.canEdit && (
                  <>
                    <br />
                    <EditLink
                      href={`${props.base}/acties/${a.id}/wijzigen`}
                      what={`actie ${a.description.slice(0, 60)}`}
                    />
                  </>
                )}
              </Th>
              <Td>{a.owner}</Td>
              <Td>
                {formatDay(a.due_on)}
                {a.overdue && <strong> · te laat</strong>}
              </Td>
              <Td>
                {props.canEdit ? (
                  <form
                    method="post"
                    action={`${props.base}/acties/${a.id}/status`}
                    class="utrecht-form"
                  >
                    <CsrfField token={props.csrf} />
                    <Select
                      name="status"
                      idSuffix={`${props.part}-${a.id}`}
                      label={`Status van: ${a.description.slice(0, 60)}`}
                      value={a.status}
                      error={props.failedId === a.id ? props.errors.status : undefined}
                      options={Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => ({
                        value,
                        label,
                      }))}
                    />
                    <SubmitButton label="Status opslaan" variant="secondary" />
                  </form>
                ) : (
                  ACTION_STATUS_LABELS[a.status]
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

/** Actions of the Alliance: first those past their deadline, then all of them. */
export function ActionsPage(props: {
  area: FocusAreaRef;
  today: string;
  actions: ActionView[];
  overdue: ActionView[];
  canEdit: boolean;
  csrf: string;
  errors?: FieldErrors;
  failedId?: string;
  saved?: string | undefined;
}) {
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const common = {
    base,
    canEdit: props.canEdit,
    csrf: props.csrf,
    errors,
    failedId: props.failedId,
  };
  return (
    <AllianceFrame area={props.area} tab="acties" title="Acties">
      <ErrorSummary
        errors={
          props.failedId
            ? Object.fromEntries(
                Object.entries(errors).map(([k, v]) => [`${k}-alle-${props.failedId}`, v]),
              )
            : errors
        }
      />
      <Notice text={props.saved} />
      <section aria-labelledby="te-laat">
        <h2 class="utrecht-heading-2" id="te-laat">
          Te laat ({props.overdue.length})
        </h2>
        {props.overdue.length === 0 ? (
          <p class="utrecht-paragraph">
            Geen acties over hun deadline op {formatDay(props.today)}.
          </p>
        ) : (
          <ActionTable
            {...common}
            part="te-laat"
            caption={`Acties over hun deadline op ${formatDay(props.today)}`}
            actions={props.overdue}
          />
        )}
      </section>
      <section aria-labelledby="alle-acties">
        <h2 class="utrecht-heading-2" id="alle-acties">
          Alle acties
        </h2>
        {props.actions.length === 0 ? (
          <p class="utrecht-paragraph">
            Er zijn nog geen acties. Acties voegt u toe bij een vergadering.
          </p>
        ) : (
          <ActionTable
            {...common}
            part="alle"
            caption="Alle acties, op deadline"
            actions={props.actions}
          />
        )}
      </section>
    </AllianceFrame>
  );
}
