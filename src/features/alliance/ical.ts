import { toICalendar } from '../../shared/ical.ts';

/** An Alliance meeting as the feed shows it (written by src/shared/ical.ts). */
export interface CalendarEvent {
  /** Stable across requests and edits, so calendar clients update rather than duplicate. */
  uid: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  /** When the event last changed (ISO-8601). */
  updatedAt: string;
}

export function buildCalendar(opts: {
  name: string;
  events: readonly CalendarEvent[];
  now: Date;
}): string {
  return toICalendar({
    name: opts.name,
    product: 'Alliantie',
    stamp: opts.now,
    events: opts.events.map((e) => ({
      uid: e.uid,
      start: new Date(e.start),
      end: new Date(e.end),
      lastModified: new Date(e.updatedAt),
      summary: e.summary,
      ...(e.location ? { location: e.location } : {}),
      ...(e.description ? { description: e.description } : {}),
      ...(e.url ? { url: e.url } : {}),
    })),
  });
}
