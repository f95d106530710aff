import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** Test support for route tests of forms: read a page's form as a browser would send it. */

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
}

/**
 * The fields of the first `<form method="post" action="ACTION">` in the page, with the values
 * the page shows: inputs (checkboxes only when checked), the selected option of each select, and
 * the text of each textarea.
 */
export function formFields(html: string, action: string): Record<string, string> {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const match = forms.find((f) => attr(f[1]!, 'action') === action);
  assert.ok(match, `no form with action ${action}`);
  const body = match[2]!;
  const fields: Record<string, string> = {};
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type');
    if (type === 'checkbox' && !/\schecked(?:[\s>=]|$)/.test(tag)) continue;
    fields[name] = attr(tag, 'value') ?? '';
  }
  for (const [, open, inner] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(open!, 'name');
    if (!name) continue;
    const options = [...inner!.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]!);
    const chosen = options.find((o) => /\sselected/.test(o)) ?? options[0];
    fields[name] = chosen ? (attr(chosen, 'value') ?? '') : '';
  }
  for (const [, open, inner] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(open!, 'name');
    if (name) fields[name] = decode(inner!);
  }
  return fields;
}

export async function postForm(
  app: FastifyInstance,
  url: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

/** The text of the error shown right by a field (form.tsx: `veld-<name>-fout`). */
export function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`id="veld-${name}-fout"[^>]*>([^<]*)<`).exec(html);
  return m ? decode(m[1]!) : undefined;
}
