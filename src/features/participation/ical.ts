import { toICalendar as writeCalendar } from '../../shared/ical.ts';

/** A knowledge session as the public feed shows it (written by src/shared/ical.ts). */
export interface CalendarEvent {
  /** Stable over edits, so a calendar updates the event instead of adding one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  url: string;
  cancelled: boolean;
  /** The moment the event last changed. */
  lastModified: Date;
}

/** The public session feed: a cancelled session stays, marked "Afgelast" and CANCELLED. */
export function toICalendar(input: {
  name: string;
  stamp: Date;
  events: readonly CalendarEvent[];
}): string {
  return writeCalendar({
    name: input.name,
    product: 'Bijeenkomsten',
    stamp: input.stamp,
    events: input.events.map((e) => ({
      uid: e.uid,
      start: e.start,
      end: e.end,
      lastModified: e.lastModified,
      summary: e.cancelled ? `Afgelast: ${e.summary}` : e.summary,
      location: e.location,
      description: e.description,
      url: e.url,
      status: e.cancelled ? 'CANCELLED' : 'CONFIRMED',
    })),
  });
}
