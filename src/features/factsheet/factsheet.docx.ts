import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Factsheet, FactsheetCell, FactsheetSection } from './factsheet.model.ts';
import { LEGEND } from '../focus-areas/index.ts';
import { FACTSHEET_COLUMNS } from './factsheet.page.tsx';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The font of the whole document. Arial is on every Word installation; where it is missing
 * (LibreOffice on Linux) a wider sans-serif takes its place, and the column widths below leave
 * room for that one too (the test converts with LibreOffice and checks no word is broken).
 */
export const DOCX_FONT = 'Arial';

/** A4 in twentieths of a point, with 12 mm margins: the width a table may take. */
const PAGE = { width: 11906, height: 16838, margin: 680 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Sizes in half-points. */
const BODY_SIZE = 20;
const TABLE_SIZE = 18;
const NOTE_SIZE = 16;

/**
 * Column widths of a theme table in twips, summing to TEXT_WIDTH. Explicit and fixed: equal
 * widths broke "Verandering" in two. The first column holds the longest words
 * ("Arbeidsongeschiktheid"), the header "Verandering" needs its column whole.
 */
export function themeColumnWidths(withTargets: boolean): number[] {
  const widths = withTargets
    ? [2250, 1500, 1500, 1400, 1300, 1300]
    : [2700, 1750, 1650, 1550, 1450];
  return [...widths, TEXT_WIDTH - widths.reduce((a, b) => a + b, 0)];
}

function run(text: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, bold: options.bold ?? false, size: options.size ?? TABLE_SIZE });
}

/** A figure with its note number as a superscript (the note itself is printed once, below). */
function figureRuns(c: FactsheetCell, bold = false): TextRun[] {
  return [
    run(c.text, { bold }),
    ...(c.ref !== undefined
      ? [new TextRun({ text: String(c.ref), superScript: true, size: TABLE_SIZE })]
      : []),
  ];
}

function cellOf(width: number, paragraphs: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: paragraphs });
}

/** A fixed-layout table of the given widths; the first row is the header, repeated on a new page. */
function fixedTable(widths: number[], header: string[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
    rows: [
      // Marked as header: repeated on every page and read as column headers by screen readers.
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) =>
          cellOf(widths[i]!, [new Paragraph({ children: [run(h, { bold: true })] })]),
        ),
      }),
      ...rows.map(
        (cells) =>
          new TableRow({
            cantSplit: true,
            children: cells.map((paragraphs, i) => cellOf(widths[i]!, paragraphs)),
          }),
      ),
    ],
  });
}

/** "Tabel 2: Wonen: …": a caption above the table, in Word's own Caption style. */
function caption(n: number, text: string): Paragraph {
  return new Paragraph({
    style: 'Caption',
    keepNext: true,
    children: [new TextRun({ text: `Tabel ${n}: ${text}` })],
  });
}

function themeTable(section: FactsheetSection, withTargets: boolean): Table {
  const header = [...FACTSHEET_COLUMNS, ...(withTargets ? ['Doel'] : [])];
  const p = (children: TextRun[]) => new Paragraph({ children });
  return fixedTable(
    themeColumnWidths(withTargets),
    header,
    section.indicators.map((i) => [
      [p([run(i.name, { bold: true })])],
      [p(figureRuns(i.value)), p([run(i.period, { size: NOTE_SIZE })])],
      [p(figureRuns(i.change))],
      [p(figureRuns(i.rest))],
      [p(figureRuns(i.gemeente))],
      [p(figureRuns(i.nederland))],
      ...(withTargets
        ? [
            [
              p([run(i.status)]),
              ...(i.statusExplanation ? [p([run(i.statusExplanation, { size: NOTE_SIZE })])] : []),
            ],
          ]
        : []),
    ]),
  );
}

/** The members per status and wijk, as on page 1 of the PDF. */
function membersTable(boundary: NonNullable<Factsheet['boundary']>): Table {
  const widths = [1900, 2300, TEXT_WIDTH - 4200];
  const p = (text: string, bold = false) => new Paragraph({ children: [run(text, { bold })] });
  return fixedTable(
    widths,
    ['Status', 'Wijk', boundary.unit === 'wijk' ? 'Wijken' : 'Buurten'],
    boundary.groups.map((g) => [[p(g.statusLabel, true)], [p(g.wijk)], [p(g.names.join(', '))]]),
  );
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

/** Width and height of a PNG, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The map printed this wide in Word (pixels at 96 dpi: about 9 cm). */
const MAP_WIDTH = 340;

/** The boundary map with its alternative text, and the legend in words under it. */
function mapParagraphs(sheet: Factsheet, map: Buffer): Paragraph[] {
  const size = pngSize(map);
  if (!size || !sheet.boundary) return [];
  return [
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: map,
          transformation: {
            width: MAP_WIDTH,
            height: Math.round((MAP_WIDTH * size.height) / size.width),
          },
          altText: {
            name: `Kaart van ${sheet.areaName}`,
            title: `Kaart van ${sheet.areaName}: de buurten en hun status`,
            description: `${sheet.boundary.text} Tabel 1 noemt dezelfde buurten met hun status.`,
          },
        }),
      ],
    }),
    new Paragraph({
      keepNext: true,
      children: [new TextRun({ text: 'Legenda', bold: true, size: NOTE_SIZE })],
    }),
    ...LEGEND.map((item) => text(item.label, NOTE_SIZE)),
  ];
}

const text = (t: string, size = BODY_SIZE) =>
  new Paragraph({ children: [new TextRun({ text: t, size })] });

/**
 * The factsheet as a Word document, in the order of the PDF: the title, the key figures and the
 * boundary first; a captioned table per theme with figures; the notes once; what is not loaded.
 */
export async function factsheetDocx(sheet: Factsheet, map: Buffer | null = null): Promise<Buffer> {
  let tables = 0;
  const meta = [
    `Gebied: ${sheet.areaName}`,
    `Gemeente: ${sheet.municipality}`,
    ...(sheet.version ? [`Buurtindeling: ${sheet.version}`] : []),
    `Gegevens van: ${sheet.dataDate}`,
  ].join(' · ');
  const header = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(sheet.title)] }),
    text(meta),
  ];
  const summary =
    sheet.summary.length === 0
      ? []
      : [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'In het kort' }),
          ...sheet.summary.map(
            (item) =>
              new Paragraph({
                bullet: { level: 0 },
                children: [
                  new TextRun({ text: `${item.theme}: `, bold: true, size: BODY_SIZE }),
                  new TextRun({ text: `${item.name} `, size: BODY_SIZE }),
                  new TextRun({ text: item.value, bold: true, size: BODY_SIZE }),
                  new TextRun({
                    text: ` (${item.period}).${item.words.length > 0 ? ` ${item.words.join(' ')}` : ''}`,
                    size: BODY_SIZE,
                  }),
                ],
              }),
          ),
        ];
  const boundary = sheet.boundary
    ? [
        new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Afbakening' }),
        text(sheet.boundary.text),
        ...(map && pngSize(map)
          ? mapParagraphs(sheet, map)
          : [
              text(
                'De kaart van de afbakening staat in de PDF van deze factsheet en op de pagina van het gebied in Wijkkompas.',
                NOTE_SIZE,
              ),
            ]),
        caption(
          ++tables,
          `${sheet.boundary.unit === 'wijk' ? 'Wijken' : 'Buurten'} van ${sheet.areaName} per status en wijk`,
        ),
        membersTable(sheet.boundary),
      ]
    : [];
  const body = sheet.sections.flatMap((section) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      keepNext: true,
      children: [new TextRun(section.title)],
    }),
    caption(++tables, `${section.title}: laatste cijfer, verandering en vergelijking`),
    themeTable(section, sheet.withTargets),
  ]);
  const notes =
    sheet.notes.length === 0
      ? []
      : [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Toelichting bij de tabellen' }),
          ...sheet.notes.map((n) => text(`${n.n}. ${n.text}`, NOTE_SIZE)),
        ];
  const notLoaded =
    sheet.notLoaded.length === 0
      ? []
      : [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Nog niet geladen' }),
          ...sheet.notLoaded.map(
            (group) =>
              new Paragraph({
                bullet: { level: 0 },
                children: [
                  new TextRun({
                    text: `${group.reason} Dat geldt voor: ${group.indicators.map((i) => i.name).join(', ')}.`,
                    size: NOTE_SIZE,
                  }),
                ],
              }),
          ),
        ];
  const font = { font: DOCX_FONT };
  const doc = new Document({
    title: sheet.title,
    subject: subjectOf(sheet),
    creator: 'Wijkkompas',
    description: sheet.source,
    keywords: KEYWORDS,
    styles: {
      // The default run language is what Word's spelling and screen readers use; the font is
      // set for the text and for every heading style, so no theme font takes over.
      default: {
        document: { run: { language: { value: 'nl-NL' }, ...font, size: BODY_SIZE } },
        title: { run: { ...font, size: 40, bold: true } },
        heading1: {
          run: { ...font, size: 26, bold: true, color: '000000' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        heading2: { run: { ...font, size: 22, bold: true, color: '000000' } },
      },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { ...font, size: TABLE_SIZE, bold: true, color: '000000' },
          paragraph: { spacing: { before: 80, after: 60 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        children: [
          ...header,
          ...summary,
          ...boundary,
          ...body,
          ...notes,
          ...notLoaded,
          text(sheet.source, NOTE_SIZE),
        ],
      },
    ],
  });
  // docx has no option for dc:language, so core.xml is written here in full (same fields).
  return Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(sheet) }]);
}
