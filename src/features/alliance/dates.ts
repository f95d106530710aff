/** Dates of the Alliance: calendar days as `YYYY-MM-DD`, times entered in Dutch local time. */

const ZONE = 'Europe/Amsterdam';

/** A real calendar day written as YYYY-MM-DD (so 2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localParts(at: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(at))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds Amsterdam is ahead of UTC at this moment (1 or 2 hours). */
function zoneOffset(at: Date): number {
  const p = localParts(at);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** "2026-03-12" + "19:30" in Amsterdam → the UTC moment, as ISO-8601. */
export function amsterdamToUtc(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  let utc = naive - zoneOffset(new Date(naive));
  // Near a DST change the first guess uses the other side's offset; one correction settles it.
  utc = naive - zoneOffset(new Date(utc));
  return new Date(utc).toISOString();
}

/** The Amsterdam calendar day of a UTC moment. */
export function amsterdamDate(at: Date | string): string {
  const p = localParts(typeof at === 'string' ? new Date(at) : at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The Amsterdam clock time ("19:30") of a UTC moment. */
export function amsterdamTime(at: string): string {
  const p = localParts(new Date(at));
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

const longDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: ZONE });

/** "12 maart 2026" for a YYYY-MM-DD day or a UTC moment. */
export function formatDay(value: string): string {
  const at = isIsoDate(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return longDate.format(at);
}
