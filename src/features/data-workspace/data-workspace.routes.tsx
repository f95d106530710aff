import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError } from '../../shared/errors.ts';
import type { ImportProblem } from '../../shared/errors.ts';
import { CSRF_FIELD } from '../../plugins/csrf.ts';
import { ErrorPage } from '../../views/error.page.tsx';
import { actorOf, municipalitiesWith } from '../accounts/index.ts';
import { KIND_NEEDS, isUploadKind, type UploadOptions } from '../imports/index.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { uploadKindOf, withdrawRefusal } from './data-workspace.service.ts';
import { BACKGROUND_IMPORT_THRESHOLD } from './import-jobs.ts';
import type { ImportPreview } from './data-preview.service.ts';
import { INLINE_PARSE_BYTES } from './upload-parse.ts';
import { UploadSpool, type SpooledFile } from './upload-spool.ts';
import type { UploadSummary } from './upload.table.ts';
import { dataBase, type UploadFormValues } from './views/data-workspace-parts.tsx';
import { DataPage } from './views/data.page.tsx';
import { DatasetPage, type DatasetNotice } from './views/dataset.page.tsx';
import { JobPage } from './views/job.page.tsx';
import { PreviewPage } from './views/import-preview.page.tsx';
import { ReadingPage } from './views/reading.page.tsx';
import { html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

/** The largest file the workspace accepts; bigger national tables go through the CLI. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_MEGABYTES = MAX_UPLOAD_BYTES / (1024 * 1024);

export interface DataWorkspaceOptions {
  services: Services;
  /** Imports with more values than this run in the background (default 20,000). */
  backgroundThreshold?: number;
  /** The most data rows one upload may hold (default MAX_UPLOAD_ROWS). */
  maxUploadRows?: number;
}

const municipalityParam = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
const uploadParam = municipalityParam.extend({ uploadId: z.string().uuid() });
const jobParam = municipalityParam.extend({ id: z.string().uuid() });
const datasetParam = municipalityParam.extend({ datasetId: z.string().min(1).max(100) });
const pageQuery = z.object({ pagina: z.coerce.number().int().min(1).max(100_000).default(1) });
const NOTICES = new Set<string>(['geladen', 'al-geladen', 'ingetrokken', 'hersteld']);

function formText(request: FastifyRequest, name: string): string {
  const body = request.body && typeof request.body === 'object' ? request.body : {};
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Reads the multipart form of an upload, after the session, role and CSRF checks have passed.
 * Files go to disk while they arrive (UploadSpool), limited to MAX_UPLOAD_BYTES each (413
 * through the error handler below).
 */
async function readUploadForm(
  request: FastifyRequest,
  spool: UploadSpool,
): Promise<{ fields: Map<string, string>; files: Map<string, SpooledFile> }> {
  if (!request.isMultipart()) {
    throw new AppError(
      'BAD_REQUEST',
      'Het formulier is niet goed verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
    );
  }
  const fields = new Map<string, string>();
  const files = new Map<string, SpooledFile>();
  const tooLarge = () => new request.server.multipartErrors.RequestFileTooLargeError();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await spool.discard([files.get(part.fieldname)]);
        files.set(part.fieldname, await spool.receive(part, tooLarge));
      } else if (typeof part.value === 'string') fields.set(part.fieldname, part.value);
    }
  } catch (error) {
    await spool.discard(files.values());
    throw error;
  }
  return { fields, files };
}

function requireUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

const MULTIPART_MESSAGES: Record<string, { status: number; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    message: `Het bestand is groter dan ${MAX_MEGABYTES} MB. Er is niets geladen. Laad een kleiner deel, of vraag de beheerder het bestand met de opdrachtregel (wijkkompas import) te laden.`,
  },
  FST_FILES_LIMIT: {
    status: 413,
    message:
      'Er zijn te veel bestanden meegestuurd. Kies één bestand en zo nodig één DataProperties-bestand.',
  },
  FST_PARTS_LIMIT: { status: 413, message: 'Het formulier bevat te veel velden.' },
  FST_FIELDS_LIMIT: { status: 413, message: 'Het formulier bevat te veel velden.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 400,
    message:
      'Het formulier is niet goed verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
  },
};

/**
 * The data workspace: list of datasets with provenance, upload → preview → confirm (in the
 * request, or in the background with a progress page for large files), and withdrawing or
 * restoring a dataset. Every route needs data:import in the :gemeente of its path.
 */
export async function dataWorkspaceRoutes(server: FastifyInstance, opts: DataWorkspaceOptions) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { uploads, datasets: datasetService, areas } = opts.services;
  const threshold = opts.backgroundThreshold ?? BACKGROUND_IMPORT_THRESHOLD;
  const jobs = opts.services.importJobs;
  const reader = uploads.reader(
    (error) => app.log.error({ err: error }, 'reading an upload failed'),
    opts.maxUploadRows,
  );
  const spool = new UploadSpool();
  app.addHook('onClose', () => spool.close());
  const base = (gemeente: string) => dataBase(app.prefix, gemeente);

  // Scoped to this plugin: only these routes accept multipart bodies. Nothing of the body is
  // read before the handler runs, so the session, role and CSRF checks (global hooks)
  // answer 401/403 before a byte of an upload is taken in. A browser form cannot put the CSRF
  // token in a header, so the upload form carries it in its address (?_csrf=…), and the hook
  // below hands it to the CSRF check as the header it reads. The body's own _csrf field is
  // never used for an upload: it would only be known after reading the body.
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 20, parts: 24 },
  });
  app.addHook('onRequest', async (request) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/')) return;
    const token = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (typeof token === 'string' && request.headers['x-csrf-token'] === undefined) {
      request.headers['x-csrf-token'] = token;
    }
  });

  // Multipart limits fail before the handler (and before the permission check), so this page
  // shows no data: only what went wrong. Other errors go on to the app's error pages.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const known = error.code ? MULTIPART_MESSAGES[error.code] : undefined;
    if (!known) throw error;
    return html(
      reply,
      <ErrorPage
        status={known.status}
        title="Het bestand is niet ontvangen"
        message={known.message}
      />,
      known.status,
    );
  });

  async function dataPage(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    extra: { values?: UploadFormValues; errors?: FieldErrors; message?: string } = {},
    status = 200,
  ) {
    const [datasets, years] = await Promise.all([
      datasetService.list({ municipalityCode: gemeente }),
      areas.indelingYears(),
    ]);
    return html(
      reply,
      <DataPage
        csrf={reply.generateCsrf()}
        base={base(gemeente)}
        municipalityCode={gemeente}
        datasets={datasets}
        years={[...years].sort((a, b) => b - a)}
        maxMegabytes={MAX_MEGABYTES}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/data',
    { ...schemaOptions({ params: municipalityParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      return dataPage(request, reply, gemeente);
    },
  );

  app.post(
    '/werkruimte/:gemeente/data/voorbeeld',
    { ...schemaOptions({ params: municipalityParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const user = requireUser(request);
      const { fields, files: uploaded } = await readUploadForm(request, spool);
      const field = (name: string) => (fields.get(name) ?? '').trim();
      const values: UploadFormValues = {
        soort: field('soort'),
        indeling: field('indeling'),
        periode: field('periode'),
        tabel: field('tabel'),
        niveau: field('niveau'),
        bron: field('bron'),
        vervangt_cbs: field('vervangt_cbs'),
        decimale_komma: field('decimale_komma'),
      };
      const errors: FieldErrors = {};
      const file = uploaded.get('bestand');
      if (!file || file.size === 0 || file.fileName === '') {
        errors.bestand = 'Kies het bestand dat u wilt laden.';
      }
      const kind = isUploadKind(values.soort) ? values.soort : undefined;
      if (!kind) errors.soort = 'Kies het soort bestand.';
      const years = await areas.indelingYears();
      const indelingYear = Number(values.indeling);
      if (!years.includes(indelingYear)) {
        errors.indeling = 'Kies een gebiedsindeling uit de lijst.';
      }
      const options: UploadOptions = { indelingYear, municipalityCode: gemeente };
      const metadataFile = uploaded.get('metadata');
      const hasMetadata = !!metadataFile && metadataFile.size > 0;
      if (kind) {
        const needs = KIND_NEEDS[kind];
        if (needs.tableId) {
          if (!/^[0-9A-Za-z]{4,16}$/.test(values.tabel ?? '')) {
            errors.tabel = 'Vul het CBS-tabelnummer in, bijvoorbeeld 85984NED.';
          } else options.tableId = values.tabel!.toUpperCase();
        }
        if (values.periode && !/^\d{4}[A-Za-z0-9*-]{0,12}$/.test(values.periode)) {
          errors.periode = 'Vul de periode in als jaartal, bijvoorbeeld 2024 of 2024*.';
        } else if (needs.period && !values.periode) {
          errors.periode = 'Vul de periode in, bijvoorbeeld 2024.';
        } else if (values.periode && (kind === 'statline' || kind === 'odata')) {
          options.period = values.periode;
        }
        if (needs.metadata && !hasMetadata) {
          errors.metadata = 'Kies het DataProperties-bestand van de tabel (JSON).';
        }
        if (needs.level) {
          if (
            values.niveau === 'buurt' ||
            values.niveau === 'wijk' ||
            values.niveau === 'gemeente'
          ) {
            options.level = values.niveau;
          } else errors.niveau = 'Kies het niveau: buurt, wijk of gemeente.';
        }
        if (kind === 'lokaal' && values.bron) {
          if (values.bron.length > 200) errors.bron = 'Houd de bron korter dan 200 tekens.';
          else options.source = values.bron;
        }
        if (kind === 'lokaal' && values.vervangt_cbs === 'ja') options.replacesCbs = true;
        if (kind === 'statline' && values.decimale_komma === 'ja') options.decimalComma = true;
      }
      if (Object.keys(errors).length > 0 || !kind || !file) {
        await spool.discard(uploaded.values());
        return dataPage(request, reply, gemeente, { values, errors }, 422);
      }
      const id = await uploads.stage({
        municipalityCode: gemeente,
        kind,
        fileName: file.fileName,
        metadataFileName: KIND_NEEDS[kind].metadata ? metadataFile?.fileName : undefined,
        options,
        createdBy: actorOf(user),
      });
      // Read once, in the background; a small file is ready before the preview page opens.
      const metadata = KIND_NEEDS[kind].metadata ? metadataFile : undefined;
      if (!metadata) await spool.discard([metadataFile]);
      const reading = reader.read(id, {
        file: { path: file.path },
        size: file.size,
        metadata: metadata && { fileName: metadata.fileName, file: { path: metadata.path } },
      });
      if (file.size <= INLINE_PARSE_BYTES) await reading;
      return reply.redirect(`${base(gemeente)}/voorbeeld/${id}`, 303);
    },
  );

  async function loadUpload(params: unknown): Promise<{ gemeente: string; upload: UploadSummary }> {
    const { gemeente, uploadId } = parseParams(uploadParam, params);
    const upload = await uploads.find(uploadId, gemeente);
    if (!upload) {
      throw new AppError(
        'NOT_FOUND',
        'Dit voorbeeld bestaat niet (meer). Een voorbeeld blijft een dag bewaard; laad het bestand opnieuw.',
      );
    }
    return { gemeente, upload };
  }

  app.get(
    '/werkruimte/:gemeente/data/voorbeeld/:uploadId',
    { ...schemaOptions({ params: uploadParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const { gemeente, upload } = await loadUpload(request.params);
      const q = pageQuery.safeParse(request.query);
      const state = upload.state;
      if (state === 'wacht' || state === 'bezig' || state === 'mislukt') {
        // Not read yet, or its reading was lost to a restart: (re)start it, once.
        if (state !== 'mislukt' && !reader.isReading(upload.id)) void reader.read(upload.id);
        const query = request.query as Record<string, unknown>;
        return html(
          reply,
          <ReadingPage
            base={base(gemeente)}
            municipalityCode={gemeente}
            fileName={upload.file_name}
            failed={state === 'mislukt'}
            selfUrl={`${base(gemeente)}/voorbeeld/${upload.id}`}
            autoRefresh={query.verversen !== 'nee'}
          />,
        );
      }
      let result: Parameters<typeof PreviewPage>[0]['result'];
      if (state === 'klaar' && upload.preview) {
        const preview = JSON.parse(upload.preview) as ImportPreview;
        result = { ok: true, preview, background: preview.observations > threshold };
      } else {
        const problems = JSON.parse(upload.problems ?? '[]') as ImportProblem[];
        result = { ok: false, problems, page: q.success ? q.data.pagina : 1 };
      }
      return html(
        reply,
        <PreviewPage
          csrf={reply.generateCsrf()}
          base={base(gemeente)}
          municipalityCode={gemeente}
          uploadId={upload.id}
          fileName={upload.file_name}
          kind={uploadKindOf(upload)}
          expiresAt={upload.expires_at}
          result={result}
        />,
        result.ok ? 200 : 422,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/data/bevestig/:uploadId',
    { ...schemaOptions({ params: uploadParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const { gemeente, upload } = await loadUpload(request.params);
      const actor = actorOf(requireUser(request));
      // The stored result of the one reading; a file not (yet) read or refused goes back to
      // its preview page, which says why.
      const parsed = await uploads.loadParsed(upload);
      if (!parsed) return reply.redirect(`${base(gemeente)}/voorbeeld/${upload.id}`, 303);
      if (parsed.observations.length > threshold) {
        const { job } = uploads.startImport(upload, parsed, actor, (error) =>
          request.log.error({ err: error }, 'background import failed'),
        );
        return reply.redirect(`${base(gemeente)}/taak/${job.id}`, 303);
      }
      const outcome = await uploads.confirm(upload, parsed, actor);
      const notice = outcome.status === 'geimporteerd' ? 'geladen' : 'al-geladen';
      return reply.redirect(`${base(gemeente)}/${outcome.datasetId}?melding=${notice}`, 303);
    },
  );

  app.get(
    '/werkruimte/:gemeente/data/taak/:id',
    { ...schemaOptions({ params: jobParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const { gemeente, id } = request.params;
      const job = jobs.get(id, gemeente);
      if (!job) throw new AppError('NOT_FOUND', 'Deze taak bestaat niet (meer).');
      const query = request.query as Record<string, unknown>;
      return html(
        reply,
        <JobPage
          base={base(gemeente)}
          municipalityCode={gemeente}
          job={job}
          selfUrl={`${base(gemeente)}/taak/${job.id}`}
          autoRefresh={query.verversen !== 'nee'}
        />,
      );
    },
  );

  async function datasetPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: DatasetNotice; errors?: FieldErrors; reason?: string } = {},
    status = 200,
  ) {
    const { gemeente, datasetId } = parseParams(datasetParam, request.params);
    const summary = await uploads.datasetSummary(datasetId, gemeente);
    const allowed = municipalitiesWith(requireUser(request).grants, 'data:import');
    return html(
      reply,
      <DatasetPage
        csrf={reply.generateCsrf()}
        base={base(gemeente)}
        municipalityCode={gemeente}
        summary={summary}
        refusal={withdrawRefusal(summary.municipalities, allowed)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/data/:datasetId',
    { ...schemaOptions({ params: datasetParam }), config: { permission: 'data:import' } },
    async (request, reply) => {
      const melding = (request.query as Record<string, unknown>).melding;
      const notice =
        typeof melding === 'string' && NOTICES.has(melding)
          ? (melding as DatasetNotice)
          : undefined;
      return datasetPage(request, reply, notice ? { notice } : {});
    },
  );

  for (const [action, status, notice] of [
    ['intrekken', 'ingetrokken', 'ingetrokken'],
    ['herstellen', 'actief', 'hersteld'],
  ] as const) {
    app.post(
      `/werkruimte/:gemeente/data/:datasetId/${action}`,
      { ...schemaOptions({ params: datasetParam }), config: { permission: 'data:import' } },
      async (request, reply) => {
        const { gemeente, datasetId } = request.params;
        const user = requireUser(request);
        const reason = formText(request, 'reden');
        if (action === 'intrekken' && (reason === '' || reason.length > 1000)) {
          const errors: FieldErrors = {
            reden:
              reason === ''
                ? 'Vul in waarom u dit bestand intrekt.'
                : 'Houd de reden korter dan 1000 tekens.',
          };
          return datasetPage(request, reply, { errors, reason }, 422);
        }
        await uploads.changeDatasetStatus(
          {
            datasetId,
            municipalityCode: gemeente,
            allowedMunicipalities: municipalitiesWith(user.grants, 'data:import'),
            actor: actorOf(user),
            ...(reason ? { reason } : {}),
          },
          status,
        );
        return reply.redirect(`${base(gemeente)}/${datasetId}?melding=${notice}`, 303);
      },
    );
  }
}
