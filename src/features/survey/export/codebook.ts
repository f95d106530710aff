import { THEME_LABELS } from './labels.ts';
import type { ExportVariable, SurveyDataset, VariableKind } from './model.ts';
import { csvDocument } from './csv-format.ts';

/**
 * The codebook: one row per variable, in the order of the data columns. It travels with the CSV
 * (as CSV and as Markdown) and is the second sheet of the XLSX.
 */

const KIND_LABELS: Record<VariableKind, string> = {
  meta: 'gegeven over de respons',
  single_choice: 'enkele keuze (code)',
  multiple_choice: 'meerkeuze: 1 = gekozen, 0 = niet gekozen',
  grade: 'rapportcijfer 1–10',
  agree_scale: 'eens-oneensschaal 1–5',
  matrix: 'matrixrij (code)',
  number: 'getal',
  open_text: 'open tekst',
  theme_ranking: 'rangorde: plaats 1–5',
  buurt_choice: 'buurtcode of postcode',
};

const MEASURE_LABELS = { nominal: 'nominaal', ordinal: 'ordinaal', scale: 'schaal' } as const;

export const CODEBOOK_COLUMNS = [
  { key: 'variabele', header: 'Variabele' },
  { key: 'label', header: 'Label' },
  { key: 'type', header: 'Type' },
  { key: 'meetniveau', header: 'Meetniveau' },
  { key: 'vraag', header: 'Vraag' },
  { key: 'vraagtekst', header: 'Vraagtekst' },
  { key: 'thema', header: 'Thema' },
  { key: 'waarden', header: 'Codes en labels' },
  { key: 'ontbrekend', header: 'Ontbrekende codes' },
  { key: 'versies', header: 'Versies' },
] as const;
export type CodebookRow = Record<(typeof CODEBOOK_COLUMNS)[number]['key'], string>;

function typeText(v: ExportVariable): string {
  if (v.storage === 'date') return 'datum (JJJJ-MM-DD)';
  return KIND_LABELS[v.kind];
}

export function codebookRows(dataset: SurveyDataset): CodebookRow[] {
  return dataset.variables.map((v) => ({
    variabele: v.name,
    label: v.label,
    type: typeText(v) + (v.name === dataset.weightVariable ? ' (weegvariabele)' : ''),
    meetniveau: MEASURE_LABELS[v.measure],
    vraag: v.question?.name ?? '',
    vraagtekst: v.question?.text ?? '',
    thema: v.theme ? THEME_LABELS[v.theme] : '',
    waarden: v.valueLabels.map((l) => `${l.code} = ${l.label}`).join('; '),
    ontbrekend: v.missingCodes.join('; '),
    versies: v.versions.join(', '),
  }));
}

export function codebookCsv(dataset: SurveyDataset): string {
  const rows = codebookRows(dataset);
  return csvDocument([
    CODEBOOK_COLUMNS.map((c) => c.key),
    ...rows.map((row) => CODEBOOK_COLUMNS.map((c) => row[c.key])),
  ]);
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function codebookMarkdown(dataset: SurveyDataset): string {
  const lines = [
    `# Codeboek: ${cell(dataset.title)}`,
    '',
    `Vragenlijst \`${dataset.key}\`, versies ${dataset.versions.join(', ')}. ` +
      'Eén regel per respons. Een lege cel is ontbrekend: de vraag is niet gesteld, niet ' +
      'beantwoord of zat niet in de versie van de respondent. Ontbrekende codes ("weet niet", ' +
      '"zeg ik liever niet") staan wel in de data, maar buiten de percentagebasis: percentages ' +
      'zijn geldige percentages, en de ontbrekende codes worden apart geteld. Zo rekenen ook de ' +
      'resultatenpagina, de monitor en SPSS (user-missing). Meerkeuzevragen ' +
      'zijn gesplitst in een kolom per antwoord: 1 = gekozen, 0 = niet gekozen. ' +
      "In de CSV krijgt tekst die met =, +, - of @ begint een ' ervoor, zodat een " +
      'spreadsheet er geen formule van maakt.' +
      (dataset.weightVariable ? ` De weegvariabele is \`${dataset.weightVariable}\`.` : ''),
    '',
    ...(dataset.weightVariable ? weightSection(dataset) : []),
    `| ${CODEBOOK_COLUMNS.map((c) => c.header).join(' | ')} |`,
    `|${CODEBOOK_COLUMNS.map(() => ' --- ').join('|')}|`,
    ...codebookRows(dataset).map(
      (row) => `| ${CODEBOOK_COLUMNS.map((c) => cell(row[c.key])).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The three weights explained, with how they were made (ADR 0019). */
function weightSection(dataset: SurveyDataset): string[] {
  const w = dataset.weighting;
  return [
    '## Weging',
    '',
    '- `gewicht`: de weegfactor geschaald op de steekproef: gemiddeld 1, de som is het aantal ' +
      'gewogen respondenten. Weeg hiermee in SPSS (`WEIGHT BY gewicht.`): dan is N het aantal ' +
      'respondenten en kloppen toetsen en marges ongeveer (zonder het design-effect van de weging).',
    '- `gewicht_populatie`: dezelfde weegfactor op bevolkingsschaal: de som is het aantal ' +
      'inwoners van 15 jaar en ouder volgens het CBS. Gebruik hem voor aantallen inwoners, niet om ' +
      'mee te toetsen (SPSS zou dan de hele bevolking als N nemen).',
    '- `gewicht_ongetrimd`: de weegfactor uit de raking vóór het afkappen (bevolkingsschaal). ' +
      'Daarmee komen de kenmerken precies op de CBS-cijfers uit, maar een enkel gewicht kan groot zijn.',
    '',
    ...(w
      ? [
          `${cell(w.note)}`,
          '',
          `Afkappen: ${cell(w.trimRule)}; ${w.trimmed} van de ${w.weighted} gewichten afgekapt. ` +
            'Na het afkappen liggen de kenmerken zo ver van de CBS-cijfers (grootste afwijking per kenmerk):',
          '',
          ...w.marginFit.map((line) => `- ${cell(line)}`),
          '',
        ]
      : []),
  ];
}
