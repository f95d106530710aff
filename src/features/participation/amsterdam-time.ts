/**
 * Sessions are planned in Dutch local time and stored as ISO-8601 UTC. The offset of
 * Europe/Amsterdam (CET/CEST) comes from the platform's time-zone data, not a fixed +1.
 */
const ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock date and time in Amsterdam of an instant. */
export function toAmsterdam(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The UTC instant of an Amsterdam wall-clock time ("2027-01-14", "19:30"), or null when the
 * date does not exist. A time skipped by the spring change resolves to the hour after.
 */
export function fromAmsterdam(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (h > 23 || mi > 59) return null;
  const naive = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da)
    return null;
  // Two passes: the offset at the guess, then at the corrected instant (around DST changes).
  let guess = naive;
  for (let i = 0; i < 2; i++) {
    const local = toAmsterdam(new Date(guess));
    const [ly, lmo, lda] = local.date.split('-').map(Number) as [number, number, number];
    const [lh, lmi] = local.time.split(':').map(Number) as [number, number];
    const shown = Date.UTC(ly, lmo - 1, lda, lh, lmi);
    guess += naive - shown;
  }
  return new Date(guess);
}

const DAY = new Intl.DateTimeFormat('nl-NL', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "donderdag 14 januari 2027, 19.30 tot 21.30 uur". */
export function formatSessionTime(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const from = toAmsterdam(start).time.replace(':', '.');
  const to = toAmsterdam(new Date(endIso)).time.replace(':', '.');
  return `${DAY.format(start)}, ${from} tot ${to} uur`;
}
