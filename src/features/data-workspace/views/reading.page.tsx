import { DataLayout, Notice } from './data-workspace-parts.tsx';

/** While a staged file is being read in the background (or when that reading failed). */
export function ReadingPage(props: {
  base: string;
  municipalityCode: string;
  fileName: string;
  failed: boolean;
  selfUrl: string;
  autoRefresh: boolean;
}) {
  const refresh = !props.failed && props.autoRefresh;
  return (
    <DataLayout
      title={`Lezen van ${props.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
      {...(refresh ? { head: <meta http-equiv="refresh" content="2" /> } : {})}
    >
      <h1 class="utrecht-heading-1">Wat verandert er met {props.fileName}?</h1>
      {props.failed ? (
        <Notice kind="error" title="Het lezen is mislukt">
          <p class="utrecht-paragraph">
            Er is niets veranderd. Laad het bestand opnieuw, of vraag de beheerder om hulp.{' '}
            <a class="utrecht-link" href={`${props.base}#laden`}>
              Een bestand laden
            </a>
          </p>
        </Notice>
      ) : (
        <>
          <p class="utrecht-paragraph" role="status">
            Bezig met lezen: het bestand wordt gecontroleerd en vergeleken met de cijfers in de
            monitor. Er is nog niets geladen.
          </p>
          <p class="utrecht-paragraph">
            {props.autoRefresh ? (
              <>
                Deze pagina ververst zichzelf elke 2 seconden.{' '}
                <a class="utrecht-link" href={`${props.selfUrl}?verversen=nee`}>
                  Niet meer automatisch verversen
                </a>
              </>
            ) : (
              <a class="utrecht-link" href={props.selfUrl}>
                Kijk of het lezen klaar is
              </a>
            )}
          </p>
        </>
      )}
    </DataLayout>
  );
}
