import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Factsheet, FactsheetCell } from './factsheet.model.ts';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const HEADERS = ['Indicator', 'Laatste cijfer', 'Verandering', 'Gemeente', 'Nederland', 'Doel'];

function cellParagraphs(main: string, notes: (string | undefined)[], bold = false): Paragraph[] {
  return [
    new Paragraph({ children: [new TextRun({ text: main, bold })] }),
    ...notes
      .filter((n): n is string => n !== undefined && n !== '')
      .map((n) => new Paragraph({ children: [new TextRun({ text: n, size: 16 })] })),
  ];
}

function cell(c: FactsheetCell): TableCell {
  return new TableCell({ children: cellParagraphs(c.text, [c.note]) });
}

function themeTable(section: Factsheet['sections'][number]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      // Marked as header: repeated on every page and read as column headers by screen readers.
      new TableRow({
        tableHeader: true,
        children: HEADERS.map((h) => new TableCell({ children: cellParagraphs(h, [], true) })),
      }),
      ...section.indicators.map(
        (i) =>
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({ children: cellParagraphs(i.name, []) }),
              new TableCell({ children: cellParagraphs(i.value.text, [i.period, i.value.note]) }),
              cell(i.change),
              cell(i.gemeente),
              cell(i.nederland),
              new TableCell({ children: cellParagraphs(i.status, [i.statusExplanation]) }),
            ],
          }),
      ),
    ],
  });
}

const xmlEscape = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The core properties with the document language (nl-NL) that docx itself does not write. */
export function coreXml(sheet: Factsheet, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fields = [
    `<dc:title>${xmlEscape(sheet.title)}</dc:title>`,
    `<dc:subject>${xmlEscape(subjectOf(sheet))}</dc:subject>`,
    '<dc:creator>Wijkkompas</dc:creator>',
    `<cp:keywords>${KEYWORDS}</cp:keywords>`,
    `<dc:description>${xmlEscape(sheet.source)}</dc:description>`,
    '<dc:language>nl-NL</dc:language>',
    '<cp:lastModifiedBy>Wijkkompas</cp:lastModifiedBy>',
    '<cp:revision>1</cp:revision>',
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`,
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    fields.join('') +
    '</cp:coreProperties>'
  );
}

const KEYWORDS = 'NPLV, factsheet, wijkmonitor';
const subjectOf = (sheet: Factsheet): string =>
  `Brede monitor ${sheet.areaName}, ${sheet.municipality}`;

/** The factsheet as a Word document: a Heading 1 and a table per theme, each on its own page. */
export async function factsheetDocx(sheet: Factsheet): Promise<Buffer> {
  const header = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(sheet.title)] }),
    new Paragraph({ text: `Gebied: ${sheet.areaName}` }),
    new Paragraph({ text: `Gemeente: ${sheet.municipality}` }),
    ...(sheet.version ? [new Paragraph({ text: `Buurtindeling: ${sheet.version}` })] : []),
    new Paragraph({ text: `Gegevens van: ${sheet.dataDate}` }),
    new Paragraph({ text: sheet.source }),
  ];
  const body = sheet.sections.flatMap((section) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun(section.title)],
    }),
    new Paragraph({ text: `${sheet.areaName}, ${sheet.municipality}` }),
    ...(section.indicators.length > 0
      ? [themeTable(section)]
      : [new Paragraph({ text: 'Voor dit thema zijn nog geen cijfers geladen.' })]),
    ...(section.notLoaded.length > 0
      ? [
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Nog niet geladen' }),
          ...section.notLoaded.map(
            (n) => new Paragraph({ text: `${n.name}: ${n.reason}`, bullet: { level: 0 } }),
          ),
        ]
      : []),
    new Paragraph({ children: [new TextRun({ text: sheet.source, size: 16 })] }),
  ]);
  const doc = new Document({
    title: sheet.title,
    subject: subjectOf(sheet),
    creator: 'Wijkkompas',
    description: sheet.source,
    keywords: KEYWORDS,
    // The default run language is what Word's spelling and screen readers use.
    styles: { default: { document: { run: { language: { value: 'nl-NL' } } } } },
    sections: [{ children: [...header, ...body] }],
  });
  // docx has no option for dc:language, so core.xml is written here in full (same fields).
  return Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(sheet) }]);
}
