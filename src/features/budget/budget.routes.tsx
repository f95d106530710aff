import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../../composition.ts';
import { CSRF_FIELD } from '../../plugins/csrf.ts';
import { AppError } from '../../shared/errors.ts';
import type { EditResult, FieldErrors, FormResult } from './budget.service.ts';
import { MAX_IMPORT_BYTES } from './budget.xlsx.ts';
import { formBody, html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import {
  XLSX_TYPE,
  areaParams,
  canEditBudget,
  idParams,
  municipalityOnly,
  savedMessage,
  user,
} from './route-helpers.ts';
import { BudgetImportPage } from './views/budget-import.page.tsx';
import { BudgetEntryEditPage } from './views/budget-entry-edit.page.tsx';
import { BudgetLineEditPage } from './views/budget-line-edit.page.tsx';
import { BudgetLinePage } from './views/budget-line.page.tsx';
import { FundingSourceEditPage } from './views/funding-source-edit.page.tsx';
import { BudgetPage, budgetBase, type BudgetForm } from './views/budget.page.tsx';
import { ProgrammePage } from './views/programme.page.tsx';

const SAVED: Record<string, string> = {
  locatie: 'De plek van het programmabureau is opgeslagen.',
  functie: 'De functie is toegevoegd.',
  'functie-weg': 'De functie is verwijderd.',
  bron: 'De geldbron is toegevoegd.',
  regel: 'De begrotingsregel is toegevoegd.',
  boeking: 'De boeking is opgeslagen.',
  'regel-gewijzigd': 'De wijziging van de begrotingsregel is opgeslagen.',
  'bron-gewijzigd': 'De wijziging van de geldbron is opgeslagen.',
  'boeking-gewijzigd': 'De wijziging van de boeking is opgeslagen.',
  ongewijzigd: 'Er was niets veranderd; er is niets opgeslagen.',
};

/**
 * The programme bureau and its budget per focus area, in the municipal workspace. Reading
 * needs budget:read (Alliance members too), every change budget:edit; both in :gemeente.
 */
export async function budgetRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const budget = opts.services.budget;

  app.get(
    '/werkruimte/:gemeente/programma',
    { ...schemaOptions({ params: municipalityOnly }), config: { permission: 'budget:read' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      return html(
        reply,
        <ProgrammePage municipalityCode={gemeente} areas={await budget.areasOf(gemeente)} />,
      );
    },
  );

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { form: BudgetForm; values: Record<string, string>; errors: FieldErrors },
  ) {
    const { gemeente, slug } = parseParams(areaParams, request.params);
    return html(
      reply,
      <BudgetPage
        csrf={reply.generateCsrf()}
        municipalityCode={gemeente}
        overview={await budget.overview(gemeente, slug)}
        canEdit={canEditBudget(request, gemeente)}
        saved={savedMessage(request.query, SAVED)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/begroting/:slug',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:read' } },
    page,
  );

  app.get(
    '/werkruimte/:gemeente/begroting/:slug/regels/:id',
    { ...schemaOptions({ params: idParams }), config: { permission: 'budget:read' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const detail = await budget.lineDetail(gemeente, slug, id);
      return html(
        reply,
        <BudgetLinePage
          municipalityCode={gemeente}
          {...detail}
          canEdit={canEditBudget(request, gemeente)}
          saved={savedMessage(request.query, SAVED)}
        />,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/begroting/:slug/begroting.xlsx',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const bytes = await budget.exportXlsx(gemeente, slug);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="begroting-${slug}.xlsx"`)
        .type(XLSX_TYPE)
        .send(bytes);
    },
  );

  const forms: Array<
    [string, BudgetForm, 'setLocation' | 'addPosition' | 'addSource' | 'addLine' | 'addEntry']
  > = [
    ['locatie', 'locatie', 'setLocation'],
    ['functies', 'functie', 'addPosition'],
    ['bronnen', 'bron', 'addSource'],
    ['regels', 'regel', 'addLine'],
    ['boekingen', 'boeking', 'addEntry'],
  ];
  for (const [path, form, method] of forms) {
    app.post(
      `/werkruimte/:gemeente/begroting/:slug/${path}`,
      { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
      async (request, reply) => {
        const { gemeente, slug } = request.params;
        const result: FormResult<unknown> = await budget[method](
          user(request),
          gemeente,
          slug,
          formBody(request),
        );
        if (result.ok) return reply.redirect(`${budgetBase(gemeente, slug)}?klaar=${form}`, 303);
        return page(request, reply, { form, values: result.values, errors: result.errors });
      },
    );
  }

  // Correcting a budget line, a funding source or a booking: an edit form (budget:edit, like
  // adding) and its save. A refused save shows the form again with the typed values: 422 for a
  // field error, 409 when someone else saved the record after the form was opened.
  const lineBase = '/werkruimte/:gemeente/begroting/:slug/regels/:id/wijzigen';
  const sourceBase = '/werkruimte/:gemeente/begroting/:slug/bronnen/:id/wijzigen';
  const entryBase = '/werkruimte/:gemeente/begroting/:slug/boekingen/:id/wijzigen';
  type Refusal = Extract<EditResult, { ok: false }>;
  const status = (refused?: Refusal) => (!refused ? 200 : refused.conflict ? 409 : 422);

  /** What every edit page takes besides its record: the form's state after a refused save. */
  interface EditState {
    csrf: string;
    municipalityCode: string;
    values: Record<string, string>;
    errors: FieldErrors;
    conflict?: Refusal['conflict'];
  }
  /** The edit page of one kind of record: loaded, prefilled, or shown again after a refusal. */
  function editPage<D extends { values: Record<string, string> }>(
    load: (municipalityCode: string, slug: string, id: string) => Promise<D>,
    Page: (props: D & EditState) => VNode,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply, refused?: Refusal) => {
      const { gemeente, slug, id } = parseParams(idParams, request.params);
      const data = await load(gemeente, slug, id);
      return html(
        reply,
        <Page
          {...data}
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          values={refused?.values ?? data.values}
          errors={refused?.errors ?? {}}
          conflict={refused?.conflict}
        />,
        status(refused),
      );
    };
  }
  const lineEdit = editPage((g, s, i) => budget.lineForm(g, s, i), BudgetLineEditPage);
  const sourceEdit = editPage((g, s, i) => budget.sourceForm(g, s, i), FundingSourceEditPage);
  const entryEdit = editPage((g, s, i) => budget.entryForm(g, s, i), BudgetEntryEditPage);

  const editOptions = {
    ...schemaOptions({ params: idParams }),
    config: { permission: 'budget:edit' as const },
  };
  app.get(lineBase, editOptions, (request, reply) => lineEdit(request, reply));
  app.get(sourceBase, editOptions, (request, reply) => sourceEdit(request, reply));
  app.get(entryBase, editOptions, (request, reply) => entryEdit(request, reply));

  app.post(lineBase, editOptions, async (request, reply) => {
    const { gemeente, slug, id } = request.params;
    const result = await budget.updateLine(user(request), gemeente, slug, id, formBody(request));
    if (!result.ok) return lineEdit(request, reply, result);
    const done = result.changed ? 'regel-gewijzigd' : 'ongewijzigd';
    return reply.redirect(`${budgetBase(gemeente, slug)}/regels/${id}?klaar=${done}`, 303);
  });

  app.post(sourceBase, editOptions, async (request, reply) => {
    const { gemeente, slug, id } = request.params;
    const result = await budget.updateSource(user(request), gemeente, slug, id, formBody(request));
    if (!result.ok) return sourceEdit(request, reply, result);
    const done = result.changed ? 'bron-gewijzigd' : 'ongewijzigd';
    return reply.redirect(`${budgetBase(gemeente, slug)}?klaar=${done}#bronnen`, 303);
  });

  app.post(entryBase, editOptions, async (request, reply) => {
    const { gemeente, slug, id } = request.params;
    const result = await budget.updateEntry(user(request), gemeente, slug, id, formBody(request));
    if (!result.ok) return entryEdit(request, reply, result);
    const done = result.changed ? 'boeking-gewijzigd' : 'ongewijzigd';
    return reply.redirect(
      `${budgetBase(gemeente, slug)}/regels/${result.lineId ?? ''}?klaar=${done}`,
      303,
    );
  });

  app.post(
    '/werkruimte/:gemeente/begroting/:slug/functies/:id/verwijderen',
    { ...schemaOptions({ params: idParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      await budget.removePosition(user(request), gemeente, slug, id);
      return reply.redirect(`${budgetBase(gemeente, slug)}?klaar=functie-weg`, 303);
    },
  );

  app.get(
    '/werkruimte/:gemeente/begroting/:slug/sjabloon.xlsx',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="boekingen-sjabloon-${slug}.xlsx"`)
        .type(XLSX_TYPE)
        .send(await budget.template(gemeente, slug));
    },
  );

  const maxKilobytes = MAX_IMPORT_BYTES / 1024;

  app.get(
    '/werkruimte/:gemeente/begroting/:slug/importeren',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return html(
        reply,
        <BudgetImportPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          area={await budget.requireArea(gemeente, slug)}
          maxKilobytes={maxKilobytes}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/begroting/:slug/importeren/bevestigen',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const form = formBody(request);
      const file = typeof form.file === 'string' ? form.file : '';
      const fileName =
        typeof form.file_name === 'string' ? form.file_name.slice(0, 200) : 'bestand.xlsx';
      const bytes = Buffer.from(file, 'base64');
      const result = await budget.confirmImport(user(request), gemeente, slug, bytes, fileName);
      if (!result.ok)
        return html(
          reply,
          <BudgetImportPage
            csrf={reply.generateCsrf()}
            municipalityCode={gemeente}
            area={await budget.requireArea(gemeente, slug)}
            problems={result.problems}
            maxKilobytes={maxKilobytes}
          />,
          422,
        );
      return reply.redirect(
        `${budgetBase(gemeente, slug)}?klaar=boeking&toegevoegd=${result.added ?? 0}&overgeslagen=${result.skipped ?? 0}`,
        303,
      );
    },
  );

  // The upload itself: multipart in its own scope, CSRF token in the address (read before the
  // body, like the data workspace's upload), limited to MAX_IMPORT_BYTES.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 },
    });
    scope.addHook('onRequest', async (request) => {
      if (!String(request.headers['content-type'] ?? '').startsWith('multipart/')) return;
      const token = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (typeof token === 'string' && request.headers['x-csrf-token'] === undefined)
        request.headers['x-csrf-token'] = token;
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      const { gemeente, slug } = parseParams(areaParams, request.params);
      return html(
        reply,
        <BudgetImportPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          area={{ slug, name: slug, municipality_code: gemeente }}
          problems={[`Het bestand is groter dan ${maxKilobytes} kB. Er is niets ingelezen.`]}
          maxKilobytes={maxKilobytes}
        />,
        413,
      );
    });
    scope
      .withTypeProvider<ZodSchemas>()
      .post(
        '/werkruimte/:gemeente/begroting/:slug/importeren',
        { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
        async (request, reply) => {
          const { gemeente, slug } = request.params;
          const area = await budget.requireArea(gemeente, slug);
          if (!request.isMultipart())
            throw new AppError(
              'BAD_REQUEST',
              'Kies een Excel-bestand en verstuur het formulier opnieuw.',
            );
          let upload: { name: string; bytes: Buffer } | null = null;
          for await (const part of request.parts())
            if (part.type === 'file' && part.fieldname === 'bestand')
              upload = { name: part.filename, bytes: await part.toBuffer() };
          const read = upload
            ? await budget.previewImport(gemeente, slug, upload.bytes)
            : { ok: false as const, problems: ['Kies een Excel-bestand (.xlsx).'] };
          return html(
            reply,
            <BudgetImportPage
              csrf={reply.generateCsrf()}
              municipalityCode={gemeente}
              area={area}
              problems={read.ok ? undefined : read.problems}
              preview={
                read.ok && upload
                  ? {
                      fileName: upload.name,
                      file: upload.bytes.toString('base64'),
                      rows: read.rows,
                    }
                  : undefined
              }
              maxKilobytes={maxKilobytes}
            />,
            read.ok ? 200 : 422,
          );
        },
      );
  });
}
