import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreXml } from './factsheet.docx.ts';
import { formatDataDate, sourceLine, type Factsheet } from './factsheet.model.ts';

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
