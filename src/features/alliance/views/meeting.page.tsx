import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { ACTION_STATUS_LABELS, VISIBILITY_LABELS } from '../alliance.labels.ts';
import type { FieldErrors, MeetingDetail } from '../alliance.service.ts';
import { amsterdamDate, amsterdamTime, formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { CorrectedNote, EditLink } from './edit-form.tsx';
import { Input, Select, TextArea } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';

/** One meeting: agenda, documents, the decisions taken and the actions agreed, with forms. */
export function MeetingPage(props: {
  data: MeetingDetail;
  canEdit: boolean;
  csrf: string;
  form?: 'besluit' | 'actie' | 'documenten' | 'wijzigen';
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: string | undefined;
}) {
  const { area, meeting, agenda, documents, decisions, actions, seats } = props.data;
  const base = allianceBase(area);
  const url = `${base}/vergaderingen/${meeting.id}`;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const err = (form: string, name: string) => (props.form === form ? errors[name] : undefined);
  const val = (form: string, name: string) => (props.form === form ? values[name] : undefined);
  const current: Record<string, string> =
    props.form === 'wijzigen'
      ? values
      : {
          titel: meeting.title,
          datum: amsterdamDate(meeting.starts_at),
          begintijd: amsterdamTime(meeting.starts_at),
          eindtijd: amsterdamTime(meeting.ends_at),
          plaats: meeting.place,
          agenda: agenda.join('\n'),
        };
  return (
    <AllianceFrame area={area} tab="vergaderingen" title={meeting.title}>
      <ErrorSummary errors={errors} />
      <Notice text={props.saved} />
      <p class="utrecht-paragraph wk-lead">
        {formatDay(meeting.starts_at)}, {amsterdamTime(meeting.starts_at)}–
        {amsterdamTime(meeting.ends_at)} uur · {meeting.place}
      </p>
      <section aria-labelledby="agenda">
        <h2 class="utrecht-heading-2" id="agenda">
          Agenda
        </h2>
        <ol class="utrecht-ordered-list">
          {agenda.map((item) => (
            <li class="utrecht-ordered-list__item">{item}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="documenten">
        <h2 class="utrecht-heading-2" id="documenten">
          Documenten
        </h2>
        {documents.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn geen documenten bij deze vergadering.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {documents.map((d) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={d.url} rel="noopener noreferrer">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="besluiten">
        <h2 class="utrecht-heading-2" id="besluiten">
          Besluiten
        </h2>
        {decisions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen besluiten vastgelegd.</p>
        ) : (
          <dl class="utrecht-data-list">
            {decisions.map((d) => (
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">
                  Besluit {d.number} · {VISIBILITY_LABELS[d.visibility]}
                </dt>
                <dd class="utrecht-data-list__item-value">
                  <strong>{d.title}</strong>
                  <CorrectedNote at={d.corrected_at} />
                  {d.text && <p class="utrecht-paragraph">{d.text}</p>}
                  {props.canEdit && (
                    <p class="utrecht-paragraph">
                      <EditLink
                        href={`${base}/besluiten/${d.id}/wijzigen`}
                        what={`besluit ${d.number}`}
                      />
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="acties">
        <h2 class="utrecht-heading-2" id="acties">
          Acties
        </h2>
        {actions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen acties afgesproken.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {actions.map((a) => (
              <li class="utrecht-unordered-list__item">
                {a.description} · {a.owner} · uiterlijk {formatDay(a.due_on)} ·{' '}
                {ACTION_STATUS_LABELS[a.status]}
                {a.overdue ? ' · te laat' : ''}
                {props.canEdit && (
                  <>
                    {' · '}
                    <EditLink
                      href={`${base}/acties/${a.id}/wijzigen`}
                      what={`actie ${a.description.slice(0, 60)}`}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {props.canEdit && (
        <section aria-labelledby="vergadering-wijzigen">
          <h2 class="utrecht-heading-2" id="vergadering-wijzigen">
            Vergadering wijzigen
          </h2>
          <p class="utrecht-paragraph">
            Verbeter een fout of verzet de vergadering. Na het eerste besluit blijft de datum zoals
            die is.
          </p>
          <form method="post" action={url} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Input
              name="titel"
              label="Titel"
              value={current.titel}
              error={err('wijzigen', 'titel')}
            />
            <Input
              name="datum"
              type="date"
              label="Datum"
              value={current.datum}
              error={err('wijzigen', 'datum')}
            />
            <Input
              name="begintijd"
              type="time"
              label="Begintijd"
              value={current.begintijd}
              error={err('wijzigen', 'begintijd')}
            />
            <Input
              name="eindtijd"
              type="time"
              label="Eindtijd"
              value={current.eindtijd}
              error={err('wijzigen', 'eindtijd')}
            />
            <Input
              name="plaats"
              label="Plaats"
              value={current.plaats}
              error={err('wijzigen', 'plaats')}
            />
            <TextArea
              name="agenda"
              label="Agenda"
              description="Eén agendapunt per regel."
              value={current.agenda}
              error={err('wijzigen', 'agenda')}
            />
            <SubmitButton label="Vergadering opslaan" />
          </form>
        </section>
      )}
      {props.canEdit && (
        <section aria-labelledby="documenten-toevoegen">
          <h2 class="utrecht-heading-2" id="documenten-toevoegen">
            Documenten toevoegen
          </h2>
          <form method="post" action={`${url}/documenten`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <TextArea
              name="documenten"
              label="Links naar documenten"
              description="Eén link per regel: titel | adres. Bijvoorbeeld: Verslag | https://gemeente.nl/verslag.pdf"
              rows={3}
              value={val('documenten', 'documenten')}
              error={err('documenten', 'documenten')}
            />
            <SubmitButton label="Documenten toevoegen" />
          </form>
        </section>
      )}
      {props.canEdit && (
        <section aria-labelledby="besluit-vastleggen">
          <h2 class="utrecht-heading-2" id="besluit-vastleggen">
            Besluit vastleggen
          </h2>
          <p class="utrecht-paragraph">
            Het besluit krijgt vanzelf het volgende nummer van {meeting.starts_at.slice(0, 4)}. Een
            vertrouwelijk besluit ziet alleen de Alliantie, nooit het publiek.
          </p>
          <form method="post" action={`${url}/besluiten`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Input
              name="besluit_titel"
              label="Besluit"
              description="In één zin: wat besloot de Alliantie?"
              value={val('besluit', 'besluit_titel')}
              error={err('besluit', 'besluit_titel')}
            />
            <TextArea
              name="besluit_tekst"
              label="Toelichting"
              value={val('besluit', 'besluit_tekst')}
              error={err('besluit', 'besluit_tekst')}
            />
            <Select
              name="openbaarheid"
              label="Openbaarheid"
              value={val('besluit', 'openbaarheid') ?? 'openbaar'}
              error={err('besluit', 'openbaarheid')}
              options={[
                { value: 'openbaar', label: 'Openbaar: iedereen mag het zien' },
                { value: 'vertrouwelijk', label: 'Vertrouwelijk: alleen voor de Alliantie' },
              ]}
            />
            <SubmitButton label="Besluit vastleggen" />
          </form>
        </section>
      )}
      {props.canEdit && (
        <section aria-labelledby="actie-toevoegen">
          <h2 class="utrecht-heading-2" id="actie-toevoegen">
            Actie toevoegen
          </h2>
          <form method="post" action={`${url}/acties`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <TextArea
              name="actie"
              label="Actie"
              description="Wat moet er gebeuren?"
              rows={2}
              value={val('actie', 'actie')}
              error={err('actie', 'actie')}
            />
            <Select
              name="eigenaar"
              label="Eigenaar"
              value={val('actie', 'eigenaar')}
              error={err('actie', 'eigenaar')}
              options={[
                { value: '', label: 'Kies een organisatie' },
                ...seats.map((s) => ({ value: s.id, label: s.label })),
              ]}
            />
            <Input
              name="deadline"
              type="date"
              label="Deadline"
              value={val('actie', 'deadline')}
              error={err('actie', 'deadline')}
            />
            <Select
              name="besluit"
              label="Hoort bij besluit"
              value={val('actie', 'besluit')}
              error={err('actie', 'besluit')}
              options={[
                { value: '', label: 'Geen besluit' },
                ...decisions.map((d) => ({ value: d.id, label: `${d.number} ${d.title}` })),
              ]}
            />
            <SubmitButton label="Actie toevoegen" />
          </form>
        </section>
      )}
    </AllianceFrame>
  );
}
