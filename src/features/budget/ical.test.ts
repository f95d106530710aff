import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText, foldLine } from '../../shared/ical.ts';
import { toICalendar } from './ical.ts';

/** A minimal RFC 5545 reader: unfold, split properties, unescape TEXT. */
function parse(ics: string): Array<Record<string, string>> {
  assert.ok(ics.endsWith('\r\n'));
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends with CRLF');
  for (const physical of ics.split('\r\n'))
    assert.ok(Buffer.byteLength(physical, 'utf8') <= 75, `line longer than 75 octets: ${physical}`);
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line
        .slice(i + 1)
        .replace(/\\n/g, '\n')
        .replace(/\\([,;\\])/g, '$1');
    }
  }
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  return events;
}

describe('iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    assert.equal(escapeText('a\\b;c,d\ne'), 'a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const long = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), long);
    assert.doesNotMatch(folded, /\uFFFD/);
  });

  it('writes all-day events a reader parses back, with a stable UID', () => {
    const event = {
      uid: 'abc-indienen@wijkkompas',
      date: '2026-03-31',
      summary: 'Indienen: Schoolplein, speeltuin; en meer (School & Omgeving)',
      description: `Regel 1\nRegel 2 met een lange tekst ${'x'.repeat(120)}`,
      stamp: '2026-01-02T10:00:00.000Z',
    };
    const ics = toICalendar('Deadlines Dordt West', [event]);
    const [parsed] = parse(ics);
    assert.equal(parsed!.UID, event.uid);
    assert.equal(parsed!.SUMMARY, event.summary);
    assert.equal(parsed!.DESCRIPTION, event.description);
    assert.equal(parsed!['DTSTART;VALUE=DATE'], '20260331');
    assert.equal(parsed!['DTEND;VALUE=DATE'], '20260401');
    assert.equal(parsed!.DTSTAMP, '20260102T100000Z');
    assert.equal(toICalendar('Deadlines Dordt West', [event]), ics, 'same input, same feed');
  });
});
