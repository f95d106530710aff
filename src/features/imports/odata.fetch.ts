import { AppError, BadRequestError } from '../../shared/errors.ts';
import type { ImportInput } from './import.types.ts';
import type { OdataInput } from './odata.importer.ts';

/** CBS's paging feed (see `CBS_OPEN_DATA_URL`): a large table arrives in pages, not refused. */
export const CBS_ODATA_BASE_URL = 'https://opendata.cbs.nl/ODataFeed/odata';

export interface FetchOdataOptions {
  /** Injected in tests with recorded responses; the global fetch otherwise. */
  fetch?: typeof fetch;
  baseUrl?: string;
  /** Guard against a server that keeps sending nextLinks. */
  maxPages?: number;
}

/** Refused by CBS or unreachable: nothing was imported. */
export class OdataFetchError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_REQUEST', message, options);
    this.name = 'OdataFetchError';
  }
}

async function get(doFetch: typeof fetch, url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await doFetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new OdataFetchError(
      `CBS open data is niet bereikbaar (${url}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new OdataFetchError(`CBS open data gaf status ${response.status} voor ${url}`);
  }
  return Buffer.from(await response.arrayBuffer());
}

function nextLinkOf(bytes: Buffer, url: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new OdataFetchError(`CBS open data gaf geen JSON voor ${url}`);
  }
  const next = (json as Record<string, unknown> | null)?.['odata.nextLink'];
  return typeof next === 'string' && next !== '' ? next : undefined;
}

/**
 * Fetches a CBS OData v3 table: DataProperties and every page of TypedDataSet (CBS pages large
 * tables with `odata.nextLink`). Returns the raw responses, so the import stores the exact bytes'
 * hash and parseOdataJson validates them like a file.
 */
export async function fetchOdataTable(
  tableId: string,
  options: FetchOdataOptions = {},
): Promise<OdataInput> {
  if (!/^[0-9A-Za-z]{5,12}$/.test(tableId)) {
    throw new BadRequestError(`"${tableId}" is geen CBS-tabelnummer (bijvoorbeeld 85984NED)`);
  }
  const doFetch = options.fetch ?? fetch;
  const base = (options.baseUrl ?? CBS_ODATA_BASE_URL).replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const maxPages = options.maxPages ?? 200;

  const metaUrl = `${base}/${tableId}/DataProperties?$format=json`;
  const dataProperties: ImportInput = {
    bytes: await get(doFetch, metaUrl),
    fileName: `${tableId}_DataProperties.json`,
  };

  const pages: ImportInput[] = [];
  let url: string | undefined = `${base}/${tableId}/TypedDataSet?$format=json`;
  while (url) {
    if (pages.length >= maxPages) {
      throw new OdataFetchError(
        `CBS open data bleef na ${maxPages} pagina's doorverwijzen; import afgebroken`,
      );
    }
    // Follow nextLinks only to the same server: a response must not send us elsewhere.
    if (new URL(url, base).origin !== origin) {
      throw new OdataFetchError(`volgende pagina ligt buiten ${origin}: ${url}`);
    }
    const absolute: string = new URL(url, base).toString();
    const bytes = await get(doFetch, absolute);
    pages.push({ bytes, fileName: `${tableId}_TypedDataSet_${pages.length + 1}.json` });
    url = nextLinkOf(bytes, absolute);
  }
  return { typedDataSet: pages, dataProperties };
}
