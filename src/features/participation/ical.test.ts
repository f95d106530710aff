import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeText, foldLine, formatUtc } from '../../shared/ical.ts';
import { toICalendar } from './ical.ts';

describe('iCalendar writer (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('writes UTC date-times without separators', () => {
    assert.equal(formatUtc(new Date('2027-01-14T18:30:00.000Z')), '20270114T183000Z');
  });

  it('folds at 75 octets and never splits a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    assert.ok(folded.length > 1);
    for (const part of folded) assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.equal(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line);
    assert.ok(folded.slice(1).every((p) => p.startsWith(' ')));
  });

  it('writes a calendar of CRLF lines, one VEVENT per session, cancelled ones as CANCELLED', () => {
    const ics = toICalendar({
      name: 'Bijeenkomsten Fixture',
      stamp: new Date('2027-01-01T09:00:00Z'),
      events: [
        {
          uid: 'bijeenkomst-1@fixture.example',
          start: new Date('2027-01-14T18:30:00Z'),
          end: new Date('2027-01-14T20:30:00Z'),
          summary: 'Wonen, werk; en meer',
          location: 'Buurthuis',
          description: 'Regel 1\nRegel 2',
          url: 'https://fixture.example/gebieden/x/doe-mee',
          cancelled: true,
          lastModified: new Date('2027-01-02T10:00:00Z'),
        },
      ],
    });
    assert.ok(ics.endsWith('\r\n'));
    const lines = ics.slice(0, -2).split('\r\n');
    assert.ok(lines.every((l) => !/[\r\n]/.test(l)));
    assert.deepEqual(
      lines.filter((l) =>
        /^(BEGIN|END|UID|DTSTAMP|DTSTART|DTEND|SUMMARY|STATUS|DESCRIPTION):/.test(l),
      ),
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:bijeenkomst-1@fixture.example',
        'DTSTAMP:20270101T090000Z',
        'DTSTART:20270114T183000Z',
        'DTEND:20270114T203000Z',
        'SUMMARY:Afgelast: Wonen\\, werk\\; en meer',
        'DESCRIPTION:Regel 1\\nRegel 2',
        'STATUS:CANCELLED',
        'END:VEVENT',
        'END:VCALENDAR',
      ],
    );
  });
});
