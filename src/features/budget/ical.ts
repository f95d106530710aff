import { toICalendar as writeCalendar } from '../../shared/ical.ts';

/** A deadline as an all-day event (written by src/shared/ical.ts). */
export interface CalendarEvent {
  uid: string;
  /** YYYY-MM-DD: an all-day event. */
  date: string;
  summary: string;
  description: string;
  /** When the source last changed, ISO-8601 UTC. */
  stamp: string;
}

export function toICalendar(name: string, events: readonly CalendarEvent[]): string {
  return writeCalendar({
    name,
    product: 'Deadlines',
    stamp: new Date(),
    events: events.map((e) => ({
      uid: e.uid,
      start: e.date,
      stamp: new Date(e.stamp),
      summary: e.summary,
      description: e.description,
      transparent: true,
    })),
  });
}
