/**
 * The audit log in words: a Dutch label per action and per kind of thing, and a short summary of
 * what changed, computed from the stored before and after. The raw entry (action key, JSON) stays
 * in the CSV download (audit.csv.ts).
 */

export const ACTION_LABELS: Record<string, string> = {
  'gebruiker.aangemaakt': 'Gebruiker gemaakt',
  'gebruiker.gemeente-account-gekoppeld': 'Gemeente-account gekoppeld',
  'gebruiker.herstellink-gemaakt': 'Link voor een nieuw wachtwoord gemaakt',
  'gebruiker.inloggen-mislukt': 'Inloggen mislukt',
  'gebruiker.uitgezet': 'Account uitgezet',
  'gebruiker.wachtwoord-ingesteld': 'Nieuw wachtwoord ingesteld',
  'dataset.geimporteerd': 'Gegevens ingelezen',
  'dataset.ingetrokken': 'Gegevens ingetrokken',
  'dataset.hersteld': 'Gegevens weer in gebruik',
  'gebieden.grenzen-toegevoegd': 'Grenzen toegevoegd aan gebieden die er nog geen hadden',
  'import.postcodetabel': 'Postcodetabel ingelezen',
  'indicator.gewijzigd': 'Indicator in de catalogus veranderd',
  'catalogusvoorstel.ingediend': 'Voorstel voor de catalogus gedaan',
  'catalogusvoorstel.aangenomen': 'Voorstel voor de catalogus aangenomen',
  'catalogusvoorstel.afgewezen': 'Voorstel voor de catalogus afgewezen',
  'focusgebied.nieuwe-versie': 'Nieuwe versie van het focusgebied',
  'focusgebied.buurt-bevestigd': 'Buurt hoort bij het focusgebied',
  'focusgebied.buurt-afgewezen': 'Buurt hoort niet bij het focusgebied',
  'doel.aangemaakt': 'Doel gemaakt',
  'doel.gewijzigd': 'Doel veranderd',
  'doel.verwijderd': 'Doel verwijderd',
  'enquete.formulier_ingevoerd': 'Papieren formulier ingevoerd',
  'enquete.verschillen_opgelost': 'Verschillen bij dubbele invoer opgelost',
  'enquete.antwoord_goedgekeurd': 'Antwoord goedgekeurd',
  'enquete.antwoord_afgekeurd': 'Antwoord afgekeurd',
  'contouren.nieuwe_versie': 'Nieuwe versie van de contouren (hoofdthema bijgewerkt)',
  'contouren.onderbouwing': 'Onderbouwing bij de contouren gekozen',
  'contouren.voorgelegd': 'Contouren voorgelegd aan de Alliantie',
  'contouren.vastgesteld': 'Contouren vastgesteld door de Alliantie',
  'contouren.nieuw_concept': 'Nieuw concept van de contouren begonnen',
  'themakaart.gewichten_gewijzigd': 'Gewichten van de themakaart veranderd',
  'alliantie.zetel-toegevoegd': 'Zetel in de Alliantie toegevoegd',
  'alliantie.lid-toegevoegd': 'Lid van de Alliantie toegevoegd',
  'alliantie.lidmaatschap-beeindigd': 'Lidmaatschap van de Alliantie beëindigd',
  'alliantie.lid-gewijzigd': 'Gegevens van een lid van de Alliantie verbeterd',
  'alliantie.toestemming-naam-gewijzigd': 'Toestemming om de naam te tonen veranderd',
  'alliantie.vergadering-gepland': 'Vergadering van de Alliantie gepland',
  'alliantie.vergadering-gewijzigd': 'Vergadering van de Alliantie veranderd',
  'alliantie.documenten-toegevoegd': 'Stukken bij een vergadering toegevoegd',
  'alliantie.besluit-vastgelegd': 'Besluit vastgelegd',
  'alliantie.actie-toegevoegd': 'Actie toegevoegd',
  'alliantie.actiestatus-gewijzigd': 'Stand van een actie veranderd',
  'alliantie.afspraak-vastgelegd': 'Afspraak tussen Rijk en gemeente vastgelegd',
  'alliantie.afspraak-bijgewerkt': 'Stand van een afspraak bijgewerkt',
  // Corrections in the Alliance's records (edit forms).
  'alliantie.zetel-gewijzigd': 'Zetel van de Alliantie gewijzigd',
  'alliantie.besluit-gewijzigd': 'Besluit gewijzigd',
  'alliantie.actie-gewijzigd': 'Actie gewijzigd',
  'alliantie.afspraak-gewijzigd': 'Afspraak gewijzigd',
  'begroting.bron-toegevoegd': 'Geldbron toegevoegd',
  'begroting.regel-aangemaakt': 'Begrotingsregel gemaakt',
  'begroting.boekingen-geimporteerd': 'Boekingen ingelezen uit Excel',
  'begroting.uitgave-geboekt': 'Uitgave geboekt op de begroting',
  'begroting.verplichting-geboekt': 'Verplichting geboekt op de begroting',
  // Corrections of the budget (budget:edit).
  'begroting.regel-gewijzigd': 'Begrotingsregel gewijzigd',
  'begroting.bron-gewijzigd': 'Geldbron gewijzigd',
  'begroting.boeking-gewijzigd': 'Boeking op de begroting gewijzigd',
  'programmabureau.locatie-gewijzigd': 'Plek van het programmabureau veranderd',
  'programmabureau.functie-toegevoegd': 'Functie bij het programmabureau toegevoegd',
  'programmabureau.functie-verwijderd': 'Functie bij het programmabureau weggehaald',
  'project.aangemaakt': 'Project gemaakt',
  'project.status-gewijzigd': 'Stand van een project veranderd',
  'subsidie.aanvraag-aangemaakt': 'Subsidieaanvraag gemaakt',
  'subsidie.aanvraag-gewijzigd': 'Subsidieaanvraag verbeterd',
  'subsidie.status-gewijzigd': 'Stand van een subsidieaanvraag veranderd',
  'subsidie.herinnering-verstuurd': 'Herinnering voor een deadline gemaild',
  'bijeenkomst.gepland': 'Bijeenkomst gepland',
  'bijeenkomst.gewijzigd': 'Bijeenkomst veranderd',
  'bijeenkomst.geannuleerd': 'Bijeenkomst afgelast',
  'bijeenkomst.aanwezigheid-vastgelegd': 'Aantal aanwezigen vastgelegd',
  'bijeenkomst.deelnemer-toegevoegd': 'Deelnemer toegevoegd (met toestemming)',
  'bijeenkomst.deelnemer-verwijderd': 'Deelnemer weggehaald',
  'inbreng.toegevoegd': 'Inbreng toegevoegd',
  'inbreng.verwijderd': 'Inbreng weggehaald',
  'inbreng.bestand-geladen': 'Inbreng ingelezen uit Excel',
  'codeboek.nieuwe_versie': 'Nieuwe versie van het codeboek',
  'codering.toegekend': 'Code gegeven aan een tekst',
  'codering.gewijzigd': 'Code van een tekst veranderd',
  'steekproef.getrokken': 'Steekproef voor dubbel coderen getrokken',
  'citaat.goedgekeurd': 'Citaat goedgekeurd voor de openbare pagina',
  'citaat.afgewezen': 'Citaat afgewezen',
  'omzettabel.afgeleid': 'Omzettabel tussen twee buurtindelingen gemaakt',
  'raadsbrief.concept-gestart': 'Raadsinformatiebrief begonnen',
  'raadsbrief.tekst-opgeslagen': 'Tekst van de raadsinformatiebrief opgeslagen',
  'raadsbrief.ter-beoordeling': 'Raadsinformatiebrief ter beoordeling gegeven',
  'raadsbrief.terug-naar-concept': 'Raadsinformatiebrief terug naar concept',
  'raadsbrief.gepubliceerd': 'Raadsinformatiebrief gepubliceerd',
  'raadsbrief.raadsmoment-gepland': 'Moment om de raad te informeren gepland',
  'raadsbrief.herinnering-verstuurd': 'Herinnering voor een raadsmoment gemaild',
};

export const ENTITY_LABELS: Record<string, string> = {
  gebruiker: 'Gebruiker',
  dataset: 'Gegevens',
  indicatorcatalogus: 'Indicator',
  focusgebied: 'Focusgebied',
  doel: 'Doel',
  enqueteformulier: 'Formulier',
  enqueteantwoord: 'Antwoord',
  contourvoorstel: 'Contouren programma',
  themakaart: 'Themakaart',
  bijeenkomst: 'Bijeenkomst',
  deelnemer: 'Deelnemer',
  inbreng: 'Inbreng',
  codeboek: 'Codeboek',
  codering: 'Code bij een tekst',
  codeersteekproef: 'Steekproef voor dubbel coderen',
  citaat: 'Citaat',
  omzettabel: 'Omzettabel tussen buurtindelingen',
  alliantiezetel: 'Zetel in de Alliantie',
  alliantielid: 'Lid van de Alliantie',
  alliantievergadering: 'Vergadering van de Alliantie',
  alliantiebesluit: 'Besluit van de Alliantie',
  alliantieactie: 'Actie van de Alliantie',
  samenwerkingsafspraak: 'Afspraak tussen Rijk en gemeente',
  begroting: 'Begroting',
  begrotingsregel: 'Begrotingsregel',
  begrotingsboeking: 'Boeking op de begroting',
  financieringsbron: 'Geldbron',
  programmabureau: 'Programmabureau',
  'programmabureau-functie': 'Functie bij het programmabureau',
  project: 'Project',
  subsidieaanvraag: 'Subsidieaanvraag',
  raadsinformatiebrief: 'Raadsinformatiebrief',
  raadsmoment: 'Moment om de raad te informeren',
};

const FIELD_LABELS: Record<string, string> = {
  email: 'e-mailadres',
  naam: 'naam',
  actief: 'actief',
  rollen: 'rollen',
  reden: 'reden',
  verloopt: 'geldig tot',
  aanbieder: 'inlogdienst',
  versie: 'versie',
  toelichting: 'toelichting',
  notitie: 'notitie',
  leden: 'buurten',
  buurt: 'buurt',
  status: 'status',
  invoer: 'invoer',
  soort: 'soort',
  bron: 'bron',
  tabel: 'tabel',
  editie: 'editie',
  titel: 'titel',
  bestand: 'bestand',
  sha256: 'controlegetal',
  indeling: 'indeling',
  opties: 'opties',
  regels: 'regels',
  waarden: 'waarden',
  gebieden: 'gebieden',
  postcodes: 'postcodes',
  catalogusversie: 'catalogusversie',
  voorstel: 'voorstel',
  indicator: 'indicator',
  focusAreaSlug: 'focusgebied',
  indicatorKey: 'indicator',
  kind: 'soort doel',
  reference: 'vergeleken met',
  baselinePeriod: 'nulmeting',
  targetYear: 'doeljaar',
  targetValue: 'doelwaarde',
  gapShare: 'deel van de achterstand',
  change: 'verandering',
  isExample: 'voorbeeld',
  note: 'toelichting',
  unit: 'eenheid',
  decimals: 'decimalen',
  polarity: 'richting',
  definition: 'definitie',
  name: 'naam',
  theme: 'thema',
  thema: 'thema',
  doelen: 'doelen',
  acties: 'acties',
  onderdeel: 'onderdeel',
  bewijs: 'onderbouwing',
  datum: 'datum',
  kenmerk: 'kenmerk',
  weggehaald: 'weggehaald',
};

/** An action's Dutch label; an unknown key (an old or new action) is shown readably, not raw. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Gebruiker Anna de Vries", "Focusgebied dordt-west", "Gegevens" (an id that says nothing is left out). */
export function entityLabel(
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
): string {
  const label = ENTITY_LABELS[entity] ?? entity;
  if (entity === 'gebruiker') {
    const who = nameOf(after) ?? nameOf(before);
    return who ? `${label} ${who}` : label;
  }
  if (entity === 'dataset') {
    const title = stringField(after, 'titel') ?? stringField(after, 'bestand');
    return title ? `${label}: ${title}` : label;
  }
  return `${label} ${entityId}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown, key: string): string | undefined {
  const v = isRecord(value) ? value[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nameOf(value: unknown): string | undefined {
  const name = stringField(value, 'naam');
  const email = stringField(value, 'email');
  if (name && email) return `${name} (${email})`;
  return name ?? email;
}

const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_TEXT = 120;

function short(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** One value in words; lists and objects by their size or parts, long text cut off. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'leeg';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'number') return nl.format(value);
  if (typeof value === 'string') {
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)))
      return dateTime.format(new Date(value));
    // A stored status word ("te_controleren") is read as words.
    return /^[a-z]+(?:_[a-z]+)+$/.test(value) ? value.replace(/_/g, ' ') : short(value);
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null))
      return value.length === 0 ? 'geen' : short(value.map(valueText).join(', '));
    return value.length === 1 ? '1 regel' : `${value.length} regels`;
  }
  if (isRecord(value))
    return short(
      Object.entries(value)
        .map(([k, v]) => `${fieldLabel(k)} ${valueText(v)}`)
        .join(', '),
    );
  return short(String(value));
}

function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key.replace(/_/g, ' ');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a list gained and lost, for lists of plain values or of small records. */
function listChange(before: unknown[], after: unknown[]): string {
  const key = (v: unknown) => JSON.stringify(v);
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  const added = after.filter((v) => !was.has(key(v)));
  const removed = before.filter((v) => !now.has(key(v)));
  const parts: string[] = [];
  const show = (items: unknown[]) =>
    items.length <= 3 ? items.map(valueText).join('; ') : `${items.length} regels`;
  if (added.length > 0) parts.push(`erbij: ${show(added)}`);
  if (removed.length > 0) parts.push(`eraf: ${show(removed)}`);
  return parts.join('; ');
}

/** A stored before or after, parsed; a row that is not JSON comes back as its text. */
export function parseAuditJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    // An entry is always written by recordAudit as JSON; a row that is not is shown as text.
    if (error instanceof SyntaxError) return json;
    throw error;
  }
}

/**
 * What changed, one line per field: "status: te controleren → goedgekeurd", "naam: Anna"
 * (new), "reden: … (weg)". Nested records (an indicator in the catalogue) are compared one level
 * deeper, so a changed unit shows as "indicator, eenheid: % → aantal".
 */
export function summarizeChange(beforeJson: string | null, afterJson: string | null): string[] {
  return diff(parseAuditJson(beforeJson), parseAuditJson(afterJson), '');
}

function diff(before: unknown, after: unknown, prefix: string): string[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (same(before, after)) return [];
    const label = prefix || 'waarde';
    if (before === null || before === undefined) return [`${label}: ${valueText(after)}`];
    if (after === null || after === undefined) return [`${label}: ${valueText(before)} (weg)`];
    if (Array.isArray(before) && Array.isArray(after)) {
      const change = listChange(before, after);
      if (change) return [`${label}: ${change}`];
    }
    return [`${label}: ${valueText(before)} → ${valueText(after)}`];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (same(b[key], a[key])) continue;
    const label = prefix ? `${prefix}, ${fieldLabel(key)}` : fieldLabel(key);
    lines.push(...diff(b[key] ?? null, a[key] ?? null, label));
  }
  return lines;
}
