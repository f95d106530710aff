/**
 * The one iCalendar (RFC 5545) writer of the project, for the public session feed, the Alliance
 * meeting feed and the subsidy deadline feed: CRLF line ends, TEXT values escaped (backslash,
 * semicolon, comma, newline; §3.3.11), lines folded at 75 octets without splitting a UTF-8
 * character (§3.1), times in UTC, all-day events as DATE values.
 */

export interface CalendarEvent {
  /** Stable over edits, so a calendar updates the event instead of adding one. */
  uid: string;
  /** A timed event (with `end`), or YYYY-MM-DD for an all-day event (ends the next day). */
  start: Date | string;
  end?: Date;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  /** When the event last changed. */
  lastModified?: Date;
  /** DTSTAMP of this event, when it is not the moment the calendar is written. */
  stamp?: Date;
  status?: 'CONFIRMED' | 'CANCELLED';
  /** A deadline: shown, but not as busy time. */
  transparent?: boolean;
}

export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** 2026-03-12T18:30:00.000Z → 20260312T183000Z */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basicDate = (date: string) => date.replace(/-/g, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function eventLines(e: CalendarEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${formatUtc(e.stamp ?? stamp)}`,
  ];
  if (e.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(e.lastModified)}`);
  if (typeof e.start === 'string') {
    lines.push(
      `DTSTART;VALUE=DATE:${basicDate(e.start)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(e.start))}`,
    );
  } else {
    lines.push(`DTSTART:${formatUtc(e.start)}`);
    if (e.end) lines.push(`DTEND:${formatUtc(e.end)}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  if (e.transparent) lines.push('TRANSP:TRANSPARENT');
  lines.push('END:VEVENT');
  return lines;
}

/** A whole calendar; `product` names the feed in PRODID (e.g. "Alliantie"). */
export function toICalendar(opts: {
  name: string;
  product: string;
  stamp: Date;
  events: readonly CalendarEvent[];
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Wijkkompas//${opts.product}//NL`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    ...opts.events.flatMap((e) => eventLines(e, opts.stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
