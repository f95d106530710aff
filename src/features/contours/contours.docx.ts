import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { ContoursDocument, DocumentItem } from './contours.document.ts';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const xmlEscape = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Core properties with the document language (nl-NL), which docx itself does not write. */
function coreXml(doc: ContoursDocument, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(doc.title)}</dc:title>` +
    `<dc:subject>${xmlEscape(`${doc.areaName}, ${doc.municipality}: versie ${doc.version} (${doc.status})`)}</dc:subject>` +
    '<dc:creator>Wijkkompas</dc:creator>' +
    '<cp:keywords>NPLV, contouren, hoofdthema&#39;s</cp:keywords>' +
    '<dc:language>nl-NL</dc:language>' +
    '<cp:lastModifiedBy>Wijkkompas</cp:lastModifiedBy>' +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const evidenceRun = (numbers: readonly string[]): TextRun[] =>
  numbers.length === 0
    ? []
    : [new TextRun({ text: ` [onderbouwing: ${numbers.join(', ')}]`, italics: true })];

function item(i: DocumentItem): Paragraph[] {
  return [
    new Paragraph({
      bullet: { level: 0 },
      children: [new TextRun(i.text), ...evidenceRun(i.evidence)],
    }),
    ...(i.note
      ? [
          new Paragraph({
            indent: { left: 720 },
            children: [new TextRun({ text: i.note, size: 18 })],
          }),
        ]
      : []),
  ];
}

/**
 * The proposal as a Word document: a heading per main theme with its ambition, goals and first
 * actions, each followed by the numbers of its evidence; the evidence itself in an annex.
 */
export async function contoursDocx(
  doc: ContoursDocument,
  publicUrl: string,
  now: Date = new Date(),
): Promise<Buffer> {
  const header = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ text: `Gebied: ${doc.areaName}, gemeente ${doc.municipality}` }),
    new Paragraph({ text: `Versie ${doc.version}: ${doc.status}` }),
    new Paragraph({ text: doc.statusLine }),
  ];
  const body = doc.themes.flatMap((t) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun(`${t.title} (${t.themeName})`)],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Ambitie' }),
    new Paragraph({
      children: [
        new TextRun(t.ambition || 'Nog geen ambitie beschreven.'),
        ...evidenceRun(t.ambitionEvidence),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Doelen' }),
    ...(t.goals.length > 0 ? t.goals.flatMap(item) : [new Paragraph({ text: 'Nog geen doelen.' })]),
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Eerste acties' }),
    ...(t.actions.length > 0
      ? t.actions.flatMap(item)
      : [new Paragraph({ text: 'Nog geen acties.' })]),
  ]);
  const annex = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      text: 'Bijlage: onderbouwing',
    }),
    new Paragraph({
      text: 'Elke verwijzing [B1], [B2] … in de tekst staat hieronder, met de bron. De link opent het onderdeel op de themakaart in Wijkkompas (inloggen nodig).',
    }),
    ...(doc.annex.length === 0
      ? [new Paragraph({ text: 'Er is nog geen onderbouwing gekozen.' })]
      : doc.annex.map(
          (a) =>
            new Paragraph({
              children: [
                new TextRun({ text: `${a.number}. `, bold: true }),
                new TextRun(`${a.source}: ${a.label}`),
                ...(a.href
                  ? [
                      new TextRun(' '),
                      new ExternalHyperlink({
                        link: `${publicUrl}${a.href}`,
                        children: [new TextRun({ text: 'themakaart', style: 'Hyperlink' })],
                      }),
                    ]
                  : []),
              ],
            }),
        )),
  ];
  const document = new Document({
    title: doc.title,
    subject: `${doc.areaName}, ${doc.municipality}`,
    creator: 'Wijkkompas',
    styles: { default: { document: { run: { language: { value: 'nl-NL' } } } } },
    sections: [{ children: [...header, ...body, ...annex] }],
  });
  return Packer.toBuffer(document, false, [{ path: 'docProps/core.xml', data: coreXml(doc, now) }]);
}
