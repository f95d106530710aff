import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { STATUS_LABEL } from '../focus-areas/views/focus-area.page.tsx';
import type { MemberStatus } from '../focus-areas/focus-area.table.ts';
import { coreXml, factsheetDocx, TEXT_WIDTH, themeColumnWidths } from './factsheet.docx.ts';
import {
  boundaryText,
  formatDataDate,
  groupMembers,
  sourceLine,
  type Factsheet,
} from './factsheet.model.ts';

describe('factsheet model', () => {
  it('writes the data date in Dutch, from ISO and from SQLite timestamps', () => {
    assert.equal(formatDataDate('2026-11-28T10:00:00.000Z'), '28 november 2026');
    // 23:30 UTC is already the next day in Amsterdam.
    assert.equal(formatDataDate('2026-03-01 23:30:00'), '2 maart 2026');
    assert.equal(formatDataDate(null), 'onbekend');
    assert.equal(formatDataDate('geen datum'), 'onbekend');
  });

  it('credits the CBS tables actually loaded, police only when present, CC BY 4.0', () => {
    const line = sourceLine([
      { kind: 'cbs-odata', tableId: '85984NED' },
      { kind: 'cbs-odata', tableId: '85984NED' },
      { kind: 'pdok-geojson', tableId: 'wijkenbuurten-2023' },
    ]);
    assert.equal(
      line,
      'Bron: CBS (Kerncijfers wijken en buurten; tabel 85984NED), Kadaster/CBS wijk- en buurtkaart via PDOK. Licentie CC BY 4.0.',
    );
    const withPolice = sourceLine([
      { kind: 'politie-47018', tableId: '47018NED' },
      { kind: 'cbs-odata', tableId: '85984NED' },
    ]);
    assert.match(withPolice, /tabellen 47018NED, 85984NED\), Politie via CBS,/);
    assert.match(sourceLine([]), /^Bron: CBS \(Kerncijfers wijken en buurten\), .*CC BY 4\.0\.$/);
  });

  it('writes core properties with the title escaped and the language nl-NL', () => {
    const sheet: Factsheet = {
      title: 'Factsheet A & B <test>',
      areaName: 'A & B',
      municipality: 'Dordrecht',
      slug: 'a-b',
      version: 'versie 1',
      dataDate: '1 januari 2026',
      dataVersion: 'x',
      summary: [],
      boundary: null,
      sections: [],
      withTargets: false,
      notes: [],
      notLoaded: [],
      source: 'Bron: CBS. Licentie CC BY 4.0.',
    };
    const xml = coreXml(sheet, new Date('2026-01-01T12:00:00.123Z'));
    assert.match(xml, /<dc:title>Factsheet A &#38; B &#60;test&#62;<\/dc:title>/);
    assert.match(xml, /<dc:language>nl-NL<\/dc:language>/);
    assert.match(xml, /<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T12:00:00Z</);
    assert.doesNotMatch(xml, /<test>/);
  });
});

/** One file of a zip (the .docx), found by its local header and inflated. */
function zipEntry(zip: Buffer, name: string): string {
  let at = 0;
  while ((at = zip.indexOf('PK\u0003\u0004', at, 'latin1')) !== -1) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    if (entry === name) {
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at = start;
  }
  throw new Error(`${name} not in the zip`);
}

const member = (name: string, wijk: string, status: MemberStatus) => ({
  code: name,
  name,
  wijk,
  status,
  statusLabel: STATUS_LABEL[status],
});

describe('factsheet boundary and Word layout', () => {
  it('groups the members per status (counted first) and wijk, and says what counts', () => {
    const members = [
      member('Zuidhoven', 'Crabbehof', 'uitgesloten'),
      member('Zuidendijk', 'Oud Krispijn', 'lid'),
      member('Dordtse Hout', 'Wielwijk', 'te_bevestigen'),
      member('Viottakade', 'Oud Krispijn', 'lid'),
      member('Admiraalsplein', 'Wielwijk', 'lid'),
    ];
    assert.deepEqual(
      groupMembers(members).map((g) => [g.statusLabel, g.wijk, g.names.join(', ')]),
      [
        ['Hoort erbij', 'Oud Krispijn', 'Zuidendijk, Viottakade'],
        ['Hoort erbij', 'Wielwijk', 'Admiraalsplein'],
        ['Te bevestigen', 'Wielwijk', 'Dordtse Hout'],
        ['Uitgesloten', 'Crabbehof', 'Zuidhoven'],
      ],
    );
    assert.equal(
      boundaryText(members, 'buurt', 'Dordt West'),
      '3 buurten tellen mee in de cijfers van Dordt West; 1 buurt uitgesloten; 1 buurt nog te bevestigen.',
    );
  });

  it('says one buurt "telt" and several "horen er deels bij" (verb agrees with the count)', () => {
    const members = [
      member('Zuidendijk', 'Oud Krispijn', 'lid'),
      member('Wielwijk', 'Wielwijk', 'deels'),
      member('Crabbehof', 'Crabbehof', 'deels'),
    ];
    assert.equal(
      boundaryText(members, 'buurt', 'Dordt West'),
      '1 buurt telt mee in de cijfers van Dordt West; 2 buurten horen er deels bij en tellen niet mee.',
    );
    assert.equal(
      boundaryText([member('Wielwijk', 'Wielwijk', 'deels')], 'wijk', 'Dordt West'),
      '0 wijken tellen mee in de cijfers van Dordt West; 1 wijk hoort er deels bij en telt niet mee.',
    );
  });

  it('writes fixed tables with explicit widths, Arial and a caption above each table', async () => {
    const cell = (text: string, ref?: number) => (ref ? { text, note: 'n', ref } : { text });
    const sheet: Factsheet = {
      title: 'Factsheet Dordt West',
      areaName: 'Dordt West',
      municipality: 'Dordrecht',
      slug: 'dordt-west',
      version: 'versie 1',
      dataDate: '1 januari 2026',
      dataVersion: 'x',
      summary: [],
      boundary: {
        unit: 'buurt',
        text: '1 buurt telt mee.',
        members: [member('Zuidendijk', 'Oud Krispijn', 'lid')],
        groups: groupMembers([member('Zuidendijk', 'Oud Krispijn', 'lid')]),
        rationale: null,
        indelingYear: 2023,
        map: { buurten: [], wijken: [] },
      },
      sections: [
        {
          key: 'wonen',
          title: 'Wonen',
          indicators: [
            {
              key: 'aantal-inwoners',
              name: 'Inwoners',
              value: cell('28.970'),
              period: '2024',
              change: cell('+230 sinds 2023'),
              rest: cell('–', 1),
              gemeente: cell('122.070'),
              nederland: cell('17.942.942'),
              status: 'geen doel',
            },
          ],
        },
      ],
      withTargets: false,
      notes: [{ n: 1, text: 'n' }],
      notLoaded: [],
      source: 'Bron: CBS. Licentie CC BY 4.0.',
    };
    const xml = zipEntry(await factsheetDocx(sheet), 'word/document.xml');
    const styles = zipEntry(await factsheetDocx(sheet), 'word/styles.xml');
    // Two tables (members, Wonen), each fixed, with its grid widths summing to the text width.
    const grids = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) =>
      [...m[1]!.matchAll(/w:gridCol w:w="(\d+)"/g)].map((c) => Number(c[1])),
    );
    assert.equal(grids.length, 2);
    for (const grid of grids)
      assert.equal(
        grid.reduce((a, b) => a + b, 0),
        TEXT_WIDTH,
      );
    assert.deepEqual(grids[1], themeColumnWidths(false));
    assert.equal([...xml.matchAll(/<w:tblLayout w:type="fixed"\/>/g)].length, 2);
    // Every header word fits its column: "Verandering" is no longer broken in two.
    assert.ok(new Set(themeColumnWidths(false)).size > 1, 'not equal widths');
    assert.match(xml, /Rest van de gemeente/);
    // Captions above the tables, in the Caption style.
    const captions = [...xml.matchAll(/<w:pStyle w:val="Caption"\/>[\s\S]*?<w:t[^>]*>([^<]+)</g)];
    assert.deepEqual(
      captions.map((m) => m[1]),
      [
        'Tabel 1: Buurten van Dordt West per status en wijk',
        'Tabel 2: Wonen: laatste cijfer, verandering en vergelijking',
      ],
    );
    assert.ok(
      xml.indexOf('Tabel 2:') < xml.indexOf('Inwoners'),
      'the caption is not above its table',
    );
    // The font of the document and of its headings.
    assert.match(styles, /<w:docDefaults>[\s\S]*w:rFonts w:ascii="Arial"/);
    assert.match(styles, /w:styleId="Heading1"[\s\S]*?w:rFonts w:ascii="Arial"/);
    // The note number of an empty cell as a superscript.
    assert.match(xml, /<w:vertAlign w:val="superscript"\/>[\s\S]*?<w:t[^>]*>1<\/w:t>/);
  });
});
