import type { FastifyInstance } from 'fastify';
import type { PageFetcher } from '../../shared/pdf/pdf-renderer.ts';

export { chromiumPath } from '../../shared/pdf/pdf-renderer.ts';

/**
 * The browser's way into the app: every request goes through app.inject, with the cookie of the
 * request that asked for the PDF when the page needs a signed-in user (numbered paper forms).
 */
export function appPageFetcher(app: FastifyInstance, cookie?: string): PageFetcher {
  return async (pathAndQuery) => {
    const res = await app.inject({
      method: 'GET',
      url: pathAndQuery,
      ...(cookie ? { headers: { cookie } } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && name !== 'set-cookie') {
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      }
    }
    return { status: res.statusCode, headers, body: res.rawPayload };
  };
}

/** The cache key of a factsheet PDF: the area, the focus-area version and the data version. */
export function factsheetPdfKey(slug: string, version: number | undefined, data: string): string {
  return `factsheet\u0000${slug}\u0000${version ?? 'nieuwste'}\u0000${data}`;
}

/** The cache key of the boundary map as a PNG for the .docx (same parts as the PDF's key). */
export function factsheetMapKey(slug: string, version: number | undefined, data: string): string {
  return `factsheet-kaart\u0000${slug}\u0000${version ?? 'nieuwste'}\u0000${data}`;
}
