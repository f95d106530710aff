import type { ImportJob } from '../import-jobs.ts';
import { formatNumber, DataLayout, Notice } from './data-workspace-parts.tsx';

export function JobPage(props: {
  base: string;
  municipalityCode: string;
  job: ImportJob;
  selfUrl: string;
  autoRefresh: boolean;
}) {
  const { job } = props;
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  const refresh = job.state === 'bezig' && props.autoRefresh;
  return (
    <DataLayout
      title={`Laden van ${job.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
      {...(refresh ? { head: <meta http-equiv="refresh" content="2" /> } : {})}
    >
      <h1 class="utrecht-heading-1">Laden van {job.fileName}</h1>
      {job.state === 'bezig' && (
        <>
          <p class="utrecht-paragraph" role="status">
            Bezig: {formatNumber(job.done)} van {formatNumber(job.total)} waarden opgeslagen (
            {percent}%).
          </p>
          <progress max={job.total} value={job.done} aria-label="Voortgang van het laden">
            {percent}%
          </progress>
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
                Ververs de voortgang
              </a>
            )}
          </p>
        </>
      )}
      {job.state === 'klaar' && job.outcome && (
        <Notice
          kind="ok"
          title={
            job.outcome.status === 'geimporteerd'
              ? 'Het bestand is geladen'
              : 'Dit bestand is al geladen'
          }
        >
          <p class="utrecht-paragraph">
            {job.outcome.status === 'geimporteerd'
              ? `${formatNumber(job.outcome.observations)} waarden staan nu in de monitor.`
              : 'Er is niets veranderd.'}{' '}
            <a class="utrecht-link" href={`${props.base}/${job.outcome.datasetId}`}>
              Bekijk het geladen bestand
            </a>
          </p>
        </Notice>
      )}
      {job.state === 'mislukt' && (
        <Notice kind="error" title="Het laden is mislukt">
          <p class="utrecht-paragraph">{job.message}</p>
        </Notice>
      )}
    </DataLayout>
  );
}
