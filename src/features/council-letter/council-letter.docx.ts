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
import { NOT_LOADED, longDate } from './live-blocks.ts';
import { letterName } from './council-letter.service.ts';
import type { LetterSnapshot, LiveBlock } from './snapshot.ts';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function paragraphs(text: string): Paragraph[] {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return [new Paragraph({ text: '(Geen tekst bij dit onderdeel.)' })];
  return parts.map(
    (p) =>
      new Paragraph({
        children: p.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
      }),
  );
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function blockContent(block: LiveBlock): (Paragraph | Table)[] {
  const caption = new Paragraph({
    heading: HeadingLevel.HEADING_3,
    children: [new TextRun(block.title)],
  });
  const source = new Paragraph({
    children: [
      new TextRun({
        text: `Bron: ${block.source}. Gegevensversie ${block.dataVersion}.`,
        size: 16,
      }),
    ],
  });
  if (!block.loaded)
    return [caption, new Paragraph({ text: `Deze cijfers zijn ${NOT_LOADED}.` }), source];
  return [
    caption,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: [cell('Onderwerp', true), cell('Cijfer', true), cell('Toelichting', true)],
        }),
        ...block.figures.map(
          (f) =>
            new TableRow({
              cantSplit: true,
              children: [cell(f.label), cell(f.value), cell(f.note ?? '')],
            }),
        ),
      ],
    }),
    source,
  ];
}

/** A published letter as Word: from the snapshot only, so the file never changes afterwards. */
export async function councilLetterDocx(s: LetterSnapshot, hash: string): Promise<Buffer> {
  const name = letterName(s.number, s.focusArea.name);
  const doc = new Document({
    title: name,
    subject: s.title,
    creator: 'Wijkkompas',
    description: `SHA-256 ${hash}`,
    styles: { default: { document: { run: { language: { value: 'nl-NL' } } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(s.title)] }),
          new Paragraph({ text: name }),
          new Paragraph({ text: `Gepubliceerd op ${longDate(s.publishedOn)}` }),
          ...s.sections.flatMap((section) => [
            new Paragraph({
              heading: HeadingLevel.HEADING_2,
              children: [new TextRun(section.title)],
            }),
            ...paragraphs(section.text),
            ...section.blocks.flatMap(blockContent),
          ]),
          new Paragraph({ text: 'Het college van Burgemeester en Wethouders' }),
          new Paragraph({
            children: [
              new TextRun({
                text: `Inhoudshash (SHA-256) van deze brief: ${hash}. Gegevensversie bij publicatie: ${s.dataVersion}.`,
                size: 16,
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
