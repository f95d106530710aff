import { fromAmsterdam } from './amsterdam-time.ts';
import { AUDIENCES, INPUT_KINDS, type Audience, type InputKind } from './participation.table.ts';

/** Field name → Dutch message, in the order of the form. */
export type FieldErrors = Record<string, string>;
export type FormBody = Record<string, unknown>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const AUDIENCE_LABELS: Record<Audience, string> = {
  bewoners: 'Bewoners',
  professionals: 'Professionals',
  gemengd: 'Bewoners en professionals (gemengd)',
};

export const KIND_LABELS: Record<InputKind, string> = {
  knelpunt: 'Knelpunt',
  kans: 'Kans',
  idee: 'Idee',
  vraag: 'Vraag',
};

export function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** Checkbox groups arrive as one string or a list, depending on how many were ticked. */
export function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function required(
  errors: FieldErrors,
  body: FormBody,
  name: string,
  label: string,
  max: number,
): string {
  const v = text(body, name);
  if (v === '') errors[name] = `Vul ${label} in.`;
  else if (v.length > max) errors[name] = `${capital(label)} is te lang: hoogstens ${max} tekens.`;
  return v;
}

function optional(errors: FieldErrors, body: FormBody, name: string, label: string, max: number) {
  const v = text(body, name);
  if (v.length > max) errors[name] = `${capital(label)} is te lang: hoogstens ${max} tekens.`;
  return v === '' ? null : v;
}

function capital(s: string): string {
  const bare = s.replace(/^(de|het|een) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

function wholeNumber(
  errors: FieldErrors,
  body: FormBody,
  name: string,
  label: string,
  max: number,
  empty: number | null,
): number {
  const raw = text(body, name);
  if (raw === '' && empty !== null) return empty;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > max) {
    errors[name] =
      `${label.charAt(0).toUpperCase()}${label.slice(1)} is een heel getal van 0 tot en met ${max}.`;
    return 0;
  }
  return Number(raw);
}

export interface SessionForm {
  focusAreaSlug: string;
  title: string;
  description: string | null;
  themes: string[];
  startsAt: string;
  endsAt: string;
  location: string;
  organiser: string;
  audience: Audience;
  isPublic: boolean;
}

export function parseSessionForm(
  body: FormBody,
  allowed: { focusAreas: readonly string[]; themes: readonly string[] },
): Parsed<SessionForm> {
  const errors: FieldErrors = {};
  const focusAreaSlug = text(body, 'gebied');
  if (!allowed.focusAreas.includes(focusAreaSlug)) errors.gebied = 'Kies het focusgebied.';
  const title = required(errors, body, 'titel', 'de titel', 200);
  const themes = [...new Set(list(body, 'themas'))];
  if (themes.length === 0) errors.themas = 'Kies minstens één thema.';
  else if (themes.some((t) => !allowed.themes.includes(t)))
    errors.themas = 'Kies alleen thema’s uit de lijst.';
  const date = text(body, 'datum');
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? fromAmsterdam(date, '12:00') : null;
  if (!day) errors.datum = 'Vul de datum in als jjjj-mm-dd, bijvoorbeeld 2027-01-14.';
  const start = day ? fromAmsterdam(date, text(body, 'begintijd')) : null;
  if (!start) errors.begintijd = 'Vul de begintijd in als uu:mm, bijvoorbeeld 19:30.';
  const end = day ? fromAmsterdam(date, text(body, 'eindtijd')) : null;
  if (!end) errors.eindtijd = 'Vul de eindtijd in als uu:mm, bijvoorbeeld 21:30.';
  else if (start && end <= start) errors.eindtijd = 'De eindtijd moet na de begintijd liggen.';
  const location = required(errors, body, 'plaats', 'de plaats', 200);
  const organiser = required(errors, body, 'organisator', 'de organisator', 200);
  const audience = text(body, 'doelgroep');
  if (!(AUDIENCES as readonly string[]).includes(audience))
    errors.doelgroep = 'Kies voor wie de bijeenkomst is.';
  const openbaar = text(body, 'openbaar');
  if (openbaar !== 'ja' && openbaar !== 'nee')
    errors.openbaar = 'Kies of de bijeenkomst openbaar is.';
  const description = optional(errors, body, 'omschrijving', 'de omschrijving', 2000);
  if (Object.keys(errors).length > 0 || !start || !end) return { ok: false, errors };
  return {
    ok: true,
    value: {
      focusAreaSlug,
      title,
      description,
      themes: themes.sort(),
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      location,
      organiser,
      audience: audience as Audience,
      isPublic: openbaar === 'ja',
    },
  };
}

export interface InputForm {
  themeKey: string;
  subTheme: string | null;
  kind: InputKind;
  text: string;
  tableGroup: string | null;
  votes: number;
  quoteAllowed: boolean;
}

export const INPUT_TEXT_MAX = 2000;
export const SUB_THEME_MAX = 100;
export const TABLE_GROUP_MAX = 100;
export const VOTES_MAX = 999;

export function parseInputForm(body: FormBody, themes: readonly string[]): Parsed<InputForm> {
  const errors: FieldErrors = {};
  const themeKey = text(body, 'thema');
  if (!themes.includes(themeKey)) errors.thema = 'Kies het thema.';
  const subTheme = optional(errors, body, 'subthema', 'het subthema', SUB_THEME_MAX);
  const kind = text(body, 'soort');
  if (!(INPUT_KINDS as readonly string[]).includes(kind))
    errors.soort = 'Kies de soort: knelpunt, kans, idee of vraag.';
  const inputText = required(errors, body, 'tekst', 'de tekst', INPUT_TEXT_MAX);
  const tableGroup = optional(errors, body, 'tafel', 'de tafel of groep', TABLE_GROUP_MAX);
  const votes = wholeNumber(errors, body, 'stemmen', 'het aantal stemmen', VOTES_MAX, 0);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      themeKey,
      subTheme,
      kind: kind as InputKind,
      text: inputText,
      tableGroup,
      votes,
      quoteAllowed: text(body, 'citeren') === 'ja',
    },
  };
}

export function parseAttendanceForm(body: FormBody): Parsed<{ group: string; count: number }> {
  const errors: FieldErrors = {};
  const group = required(errors, body, 'groep', 'de groep of sector', 100);
  const count = wholeNumber(errors, body, 'aantal', 'het aantal', 10000, null);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { group, count } };
}

export function parseParticipantForm(
  body: FormBody,
): Parsed<{ name: string; organisation: string | null }> {
  const errors: FieldErrors = {};
  const name = required(errors, body, 'naam', 'de naam', 200);
  const organisation = optional(errors, body, 'organisatie', 'de organisatie', 200);
  if (text(body, 'toestemming') !== 'ja')
    errors.toestemming =
      'Een naam mag alleen worden vastgelegd als de deelnemer daar toestemming voor gaf.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, organisation } };
}

export function parseCancelForm(body: FormBody): Parsed<{ reason: string }> {
  const errors: FieldErrors = {};
  const reason = required(errors, body, 'reden', 'de reden', 500);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { reason } };
}
