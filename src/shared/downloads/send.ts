import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AreaGeometry } from '../../features/maps/geometry.ts';
import { strongEtag } from '../../plugins/etag.ts';
import type { DataTable } from '../data-table.ts';
import { BadRequestError } from '../errors.ts';
import { toCsv } from './csv.ts';
import { toGeoJson } from './geojson.ts';
import { toJson } from './json.ts';

export const DOWNLOAD_FORMATS = ['csv', 'csv-excel', 'json', 'geojson'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

const CHOICES = 'Kies csv, csv-excel, json of geojson.';

function isDownloadFormat(value: string): value is DownloadFormat {
  return (DOWNLOAD_FORMATS as readonly string[]).includes(value);
}

/**
 * The `formaat` query parameter: undefined when absent (show the page), else one of the
 * download formats. Anything else is a 400 that says what is allowed.
 */
export function parseFormat(query: unknown): DownloadFormat | undefined {
  const value =
    query && typeof query === 'object' ? (query as Record<string, unknown>).formaat : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new BadRequestError(`Geef het formaat één keer op. ${CHOICES}`);
  }
  if (isDownloadFormat(value)) return value;
  // Echo a short, printable part only: the message is shown on the error page and in JSON.
  const shown = value.replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 30);
  throw new BadRequestError(`Onbekend formaat '${shown}'. ${CHOICES}`);
}

/** An ASCII file name stem that no browser or shell misreads: a-z, 0-9 and hyphens. */
export function safeFileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem || 'tabel';
}

interface Rendered {
  body: string;
  contentType: string;
  fileName: string;
}

function render(
  table: DataTable,
  format: DownloadFormat,
  geometries: ReadonlyMap<string, AreaGeometry> | undefined,
): Rendered {
  const stem = safeFileStem(table.name);
  switch (format) {
    case 'csv':
      return {
        body: toCsv(table, 'komma'),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${stem}.csv`,
      };
    case 'csv-excel':
      return {
        body: toCsv(table, 'excel-nl'),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${stem}-excel.csv`,
      };
    case 'json':
      return {
        body: JSON.stringify(toJson(table)),
        contentType: 'application/json; charset=utf-8',
        fileName: `${stem}.json`,
      };
    case 'geojson':
      if (!geometries) {
        throw new BadRequestError(
          'Bij deze tabel hoort geen kaart, dus er is geen GeoJSON. Kies csv, csv-excel of json.',
        );
      }
      return {
        body: JSON.stringify(toGeoJson(table, geometries)),
        contentType: 'application/geo+json; charset=utf-8',
        fileName: `${stem}.geojson`,
      };
  }
}

/**
 * Sends a table as a download: content type, an attachment file name and a strong ETag of the
 * exact bytes (the etag plugin answers 304 when the client already has them).
 */
export function sendTable(
  _request: FastifyRequest,
  reply: FastifyReply,
  table: DataTable,
  format: DownloadFormat,
  geometries?: ReadonlyMap<string, AreaGeometry>,
): FastifyReply {
  const { body, contentType, fileName } = render(table, format, geometries);
  return reply
    .type(contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('etag', strongEtag(body))
    .send(body);
}
