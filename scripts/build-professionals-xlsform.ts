/**
 * Writes questionnaires/professionals-dordt-west.xlsx, the professionals' questionnaire as an
 * XLSForm (docs/survey/xlsform.md). The spreadsheet is the form researchers edit; this script is
 * its source in review, so the binary can be made again and checked (shipped.test.ts compares the
 * committed file with what this script builds).
 *
 *   node --import tsx scripts/build-professionals-xlsform.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = path.resolve(import.meta.dirname, '..');
export const PROFESSIONALS_XLSFORM = path.join(
  root,
  'questionnaires/professionals-dordt-west.xlsx',
);

type Cell = string | undefined;

const SURVEY: Cell[][] = [
  [
    'type',
    'name',
    'label::nl',
    'label::en',
    'hint::nl',
    'hint::en',
    'required',
    'relevant',
    'theme',
    'appearance',
  ],
  [
    'begin group',
    'organisatie',
    'Uw organisatie',
    'Your organisation',
    'Eerst een paar vragen over uw werk in Dordt West.',
    'First a few questions about your work in Dordt West.',
  ],
  [
    'select_one sector',
    'organisatie_type',
    'Bij wat voor organisatie werkt u?',
    'What kind of organisation do you work for?',
    'Kies het antwoord dat het best past.',
    'Choose the answer that fits best.',
    'yes',
    undefined,
    'achtergrond',
  ],
  [
    'integer',
    'medewerkers_bedrijf',
    'Hoeveel mensen werken er in uw bedrijf in Dordt West?',
    'How many people work at your business in Dordt West?',
    undefined,
    undefined,
    undefined,
    "${organisatie_type} = 'ondernemers'",
    'werk-en-inkomen',
  ],
  [
    'integer',
    'jaren_werkzaam',
    'Hoeveel jaar werkt u al in Dordt West?',
    'How many years have you worked in Dordt West?',
    'Minder dan een jaar? Vul dan 0 in.',
    'Less than a year? Then fill in 0.',
    undefined,
    undefined,
    'achtergrond',
  ],
  [
    'select_multiple doelgroep',
    'doelgroepen',
    'Met welke groepen werkt u vooral?',
    'Which groups do you mostly work with?',
    'U mag meer dan één antwoord kiezen.',
    'You may choose more than one answer.',
    undefined,
    undefined,
    'achtergrond',
  ],
  ['end group'],
  ['begin group', 'beeld', 'Uw beeld van Dordt West', 'Your view of Dordt West'],
  [
    'grade',
    'cijfer_wijk',
    'Welk rapportcijfer geeft u Dordt West als plek om te wonen?',
    'What mark out of 10 do you give Dordt West as a place to live?',
    '1 is heel slecht, 10 is uitstekend.',
    '1 is very bad, 10 is excellent.',
    'yes',
    undefined,
    'algemeen',
  ],
  [
    'begin group',
    'problemen',
    "Hoe groot zijn de problemen in Dordt West op deze thema's?",
    'How big are the problems in Dordt West on these themes?',
    undefined,
    undefined,
    undefined,
    undefined,
    'algemeen',
    'field-list table-list',
  ],
  ['select_one grootte', 'probleem_gezond', 'Gezond leven', 'Healthy living'],
  ['select_one grootte', 'probleem_wonen', 'Wonen', 'Housing'],
  ['select_one grootte', 'probleem_werk', 'Werk en inkomen', 'Work and income'],
  ['select_one grootte', 'probleem_onderwijs', 'Onderwijs', 'Education'],
  [
    'select_one grootte',
    'probleem_veiligheid',
    'Veiligheid en leefbaarheid',
    'Safety and liveability',
  ],
  ['end group'],
  [
    'agree_scale',
    'samenwerking_goed',
    'De organisaties in Dordt West werken goed samen.',
    'The organisations in Dordt West work well together.',
    undefined,
    undefined,
    undefined,
    undefined,
    'algemeen',
  ],
  [
    'text',
    'samenwerking_beter',
    'Wat kan beter in de samenwerking?',
    'What could be better in the cooperation?',
    undefined,
    undefined,
    undefined,
    '${samenwerking_goed} <= 2',
    'algemeen',
  ],
  [
    'agree_scale',
    'bewoners_bereikt',
    'Mijn organisatie bereikt de bewoners die hulp nodig hebben.',
    'My organisation reaches the residents who need help.',
    undefined,
    undefined,
    undefined,
    undefined,
    'gezond-leven',
  ],
  [
    'agree_scale',
    'jongeren_kansen',
    'Jongeren in Dordt West krijgen genoeg kansen op school en werk.',
    'Young people in Dordt West get enough chances at school and work.',
    undefined,
    undefined,
    undefined,
    undefined,
    'onderwijs',
  ],
  ['end group'],
  ['begin group', 'prioriteit', 'Wat moet eerst?', 'What should come first?'],
  [
    'rank_themes',
    'volgorde_themas',
    "Welke thema's moeten eerst aangepakt worden in Dordt West? Zet ze op volgorde.",
    'Which themes should be tackled first in Dordt West? Put them in order.',
    'Zet het belangrijkste thema bovenaan.',
    'Put the most important theme at the top.',
    undefined,
    undefined,
    'algemeen',
  ],
  [
    'text',
    'idee',
    'Wat is volgens u de beste stap om Dordt West te verbeteren?',
    'In your view, what is the best step to improve Dordt West?',
    undefined,
    undefined,
    undefined,
    undefined,
    'algemeen',
  ],
  ['end group'],
];

const CHOICES: Cell[][] = [
  ['list_name', 'name', 'label::nl', 'label::en', 'missing'],
  ['sector', 'gemeente', 'Gemeente', 'Municipality'],
  ['sector', 'woningcorporatie', 'Woningcorporatie', 'Housing association'],
  ['sector', 'primair_onderwijs', 'Primair onderwijs (basisschool)', 'Primary education'],
  ['sector', 'voortgezet_onderwijs', 'Voortgezet onderwijs', 'Secondary education'],
  ['sector', 'ondernemers', 'Ondernemer of bedrijf', 'Business owner or company'],
  [
    'sector',
    'sociaal_wijkteam',
    'Sociaal wijkteam, buurtwerk of jongerenwerk',
    'Social neighbourhood team, community work or youth work',
  ],
  ['sector', 'politie', 'Politie', 'Police'],
  ['sector', 'rijk', 'Rijksoverheid', 'Central government'],
  ['doelgroep', 'kinderen', 'Kinderen (tot 12 jaar)', 'Children (under 12)'],
  ['doelgroep', 'jongeren', 'Jongeren (12 tot 27 jaar)', 'Young people (12 to 27)'],
  ['doelgroep', 'gezinnen', 'Gezinnen', 'Families'],
  ['doelgroep', 'volwassenen', 'Volwassenen', 'Adults'],
  ['doelgroep', 'ouderen', 'Ouderen', 'Older people'],
  ['doelgroep', 'iedereen', 'Alle bewoners', 'All residents'],
  ['grootte', 'groot', 'Groot', 'Big'],
  ['grootte', 'middel', 'Niet groot, niet klein', 'Neither big nor small'],
  ['grootte', 'klein', 'Klein', 'Small'],
  ['grootte', 'weet_niet', 'Weet ik niet', "I don't know", 'yes'],
];

const SETTINGS: Cell[][] = [
  [
    'form_id',
    'version',
    'form_title::nl',
    'form_title::en',
    'default_language',
    'audience',
    'focus_area',
  ],
  [
    'professionals-dordt-west',
    '1',
    'Vragenlijst voor professionals in Dordt West',
    'Questionnaire for professionals in Dordt West',
    'nl',
    'professionals',
    'dordt-west',
  ],
];

export function buildProfessionalsWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // Fixed dates, so the workbook's own properties do not change on every run.
  wb.created = new Date('2026-11-29T00:00:00Z');
  wb.modified = wb.created;
  wb.creator = 'scripts/build-professionals-xlsform.ts';
  for (const [name, rows] of [
    ['survey', SURVEY],
    ['choices', CHOICES],
    ['settings', SETTINGS],
  ] as const) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row.map((c) => c ?? null));
    ws.getRow(1).font = { bold: true };
  }
  return wb;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildProfessionalsWorkbook().xlsx.writeFile(PROFESSIONALS_XLSFORM);
  console.log(`geschreven: ${path.relative(root, PROFESSIONALS_XLSFORM)}`);
}
