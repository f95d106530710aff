import { Layout } from '../../../views/layout.tsx';
import { formatSessionTime } from '../amsterdam-time.ts';
import { AUDIENCE_LABELS } from '../participation.forms.ts';
import type { DoeMeePage as DoeMeeData, OpenSurvey } from '../participation.service.ts';
import { themeNames } from './labels.ts';

const NOT_FILLED = 'nog niet ingevuld';

function SurveyWays(props: { survey: OpenSurvey; data: DoeMeeData }) {
  const { survey, data } = props;
  const contact = data.contact;
  const id = `enquete-${survey.key}`;
  // Internet, interview, paper; with invitation letters also a code.
  const ways = survey.invitations !== 'uit' ? 'vier' : 'drie';
  return (
    <section aria-labelledby={id}>
      <h3 class="utrecht-heading-3" id={id}>
        {survey.title}
      </h3>
      <p class="utrecht-paragraph">
        {survey.audience === 'bewoners'
          ? `Voor bewoners van ${data.focusArea.name}.`
          : `Voor mensen die in ${data.focusArea.name} werken.`}{' '}
        {`U kunt op ${ways} manieren meedoen:`}
      </p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <strong>Op internet:</strong>{' '}
          <a class="utrecht-link" href={`/enquete/${survey.key}`}>
            vul de vragenlijst in
          </a>
          .
        </li>
        {survey.invitations !== 'uit' && (
          <li class="utrecht-unordered-list__item">
            <strong>Met een code:</strong> kreeg u een brief met een code? Ga naar{' '}
            <a class="utrecht-link" href={`/enquete/${survey.key}`}>
              de vragenlijst
            </a>{' '}
            en vul de code in. Al begonnen? Ga dan verder met{' '}
            <a class="utrecht-link" href={`/enquete/${survey.key}/hervatten`}>
              uw eigen code
            </a>
            .
          </li>
        )}
        <li class="utrecht-unordered-list__item">
          <strong>In een gesprek, aan de telefoon of bij u thuis:</strong> iemand stelt u de vragen
          en schrijft uw antwoorden op. Bel om een afspraak te maken. Telefoonnummer:{' '}
          {contact?.phone ?? NOT_FILLED}.
        </li>
        <li class="utrecht-unordered-list__item">
          <strong>Op papier:</strong> vraag een papieren vragenlijst aan. Telefoon:{' '}
          {contact?.phone ?? NOT_FILLED}; e-mail: {contact?.email ?? NOT_FILLED}; adres:{' '}
          {contact?.address ?? NOT_FILLED}. U kunt ook{' '}
          <a class="utrecht-link" href={`/enquete/${survey.key}/papier`}>
            de vragenlijst zelf printen
          </a>
          .
        </li>
      </ul>
    </section>
  );
}

export function DoeMeePage(props: { data: DoeMeeData }) {
  const d = props.data;
  const area = d.focusArea;
  const icsUrl = `/gebieden/${area.slug}/doe-mee/bijeenkomsten.ics`;
  return (
    <Layout
      title={`Doe mee in ${area.name}`}
      description={`Zo praat u mee over ${area.name}: vragenlijsten, gesprekken en bijeenkomsten.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${area.slug}`, label: area.name },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Doe mee in {area.name}</h1>
        <p class="utrecht-paragraph wk-lead">
          {`De gemeente ${area.municipalityName} en haar partners maken samen met bewoners een plan voor ${area.name}. Uw mening telt. Hier leest u hoe u meedoet.`}
        </p>

        <section aria-labelledby="vragenlijsten-titel">
          <h2 class="utrecht-heading-2" id="vragenlijsten-titel">
            Vragenlijsten
          </h2>
          {d.surveys.length === 0 ? (
            <p class="utrecht-paragraph">Er staat nu geen vragenlijst open voor dit gebied.</p>
          ) : (
            d.surveys.map((s) => <SurveyWays survey={s} data={d} />)
          )}
        </section>

        <section aria-labelledby="bijeenkomsten-titel">
          <h2 class="utrecht-heading-2" id="bijeenkomsten-titel">
            Bijeenkomsten
          </h2>
          {d.sessions.length === 0 ? (
            <p class="utrecht-paragraph">Er zijn nu geen openbare bijeenkomsten gepland.</p>
          ) : (
            <ul class="utrecht-unordered-list">
              {d.sessions.map((s) => (
                <li class="utrecht-unordered-list__item" data-bijeenkomst={s.id}>
                  {s.status === 'geannuleerd' && <strong>Afgelast: </strong>}
                  <strong>{s.title}</strong>
                  <br />
                  {formatSessionTime(s.starts_at, s.ends_at)}, {s.location}.
                  <br />
                  {`Over: ${themeNames(d.themes, s.themes)}. Voor: ${AUDIENCE_LABELS[s.audience].toLowerCase()}. Organisator: ${s.organiser}.`}
                  {s.description && (
                    <>
                      <br />
                      {s.description}
                    </>
                  )}
                  {s.status === 'geannuleerd' && s.cancel_reason && (
                    <>
                      <br />
                      {`Reden: ${s.cancel_reason}`}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={icsUrl}>
              Zet de bijeenkomsten in uw agenda (iCal)
            </a>
            . Uw agenda houdt de lijst dan zelf bij.
          </p>
        </section>

        <section aria-labelledby="inbreng-titel">
          <h2 class="utrecht-heading-2" id="inbreng-titel">
            Wat gebeurde er met eerdere inbreng
          </h2>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/gebieden/${d.focusArea.slug}/inbreng`}>
              Lees wat we met uw inbreng deden
            </a>{' '}
            (ook{' '}
            <a class="utrecht-link" href={`/gebieden/${d.focusArea.slug}/inbreng/folder.pdf`}>
              als folder om te printen
            </a>
            ).
          </p>
          {d.heldSessions > 0 && (
            <p class="utrecht-paragraph">
              {d.heldSessions === 1
                ? 'Er is al 1 bijeenkomst geweest.'
                : `Er zijn al ${d.heldSessions} bijeenkomsten geweest.`}
            </p>
          )}
        </section>
      </div>
    </Layout>
  );
}
