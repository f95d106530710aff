import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText, foldLine } from '../../shared/ical.ts';
import { buildCalendar } from './ical.ts';

/**
 * A strict reader for what the feed must be (RFC 5545 §3.1): CRLF only, no line over 75 octets,
 * folded lines start with one space; unfolded, every line is NAME:VALUE.
 */
function parseCalendar(text: string): Record<string, string>[] {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'only CRLF line ends');
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical)
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line over 75 octets: ${line}`);
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  assert.equal(logical[0], 'BEGIN:VCALENDAR');
  assert.equal(logical.at(-1), 'END:VCALENDAR');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of logical) {
    const colon = line.indexOf(':');
    assert.ok(colon > 0, `no NAME:VALUE: ${line}`);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (name === 'BEGIN' && value === 'VEVENT') current = {};
    else if (name === 'END' && value === 'VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) current[name] = value;
  }
  return events;
}

function unescape(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and newlines in text', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const line = `DESCRIPTION:${'ë'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), line);
    assert.doesNotMatch(folded, /\uFFFD/);
  });

  it('writes events a reader parses back to the same text, with stable UIDs', () => {
    const description = `Agenda:\n1. Opening; welkom, koffie\n2. ${'Contouren en hoofdthema’s '.repeat(6)}\\ einde`;
    const make = () =>
      buildCalendar({
        name: 'Alliantie Dordt West',
        now: new Date('2026-03-01T10:00:00Z'),
        events: [
          {
            uid: 'alliantie-vergadering-1@wijkkompas',
            start: '2026-01-20T18:30:00.000Z',
            end: '2026-01-20T20:00:00.000Z',
            summary: 'Vergadering Alliantie Dordt West',
            location: 'Wijkcentrum, Crabbehof',
            description,
            url: 'https://wijkkompas.example/gebieden/dordt-west/alliantie',
            updatedAt: '2026-01-02T09:00:00.000Z',
          },
        ],
      });
    const text = make();
    const [event] = parseCalendar(text);
    assert.equal(event!.UID, 'alliantie-vergadering-1@wijkkompas');
    assert.equal(event!.DTSTART, '20260120T183000Z');
    assert.equal(event!.DTEND, '20260120T200000Z');
    assert.equal(event!.DTSTAMP, '20260301T100000Z');
    assert.equal(unescape(event!.LOCATION!), 'Wijkcentrum, Crabbehof');
    assert.equal(unescape(event!.DESCRIPTION!), description);
    assert.equal(make(), text, 'the same input gives the same feed');
  });
});
