import type { AgreementParty, AgreementSubject, SeatKind } from './alliance.table.ts';

/**
 * What the council letter ("Raadsinformatiebrief Nationaal Programma Dordt West") says about the
 * Alliance and the agreements, and nothing more: no organisation names, no commitments the
 * letter does not state. The programme fills in the rest in the workspace.
 */
export const LETTER_SOURCE = 'Raadsinformatiebrief Nationaal Programma Dordt West';

export const DORDT_WEST_SEATS: readonly { kind: SeatKind; sector: string; note: string }[] = [
  {
    kind: 'voorzitter',
    sector: 'Burgemeester (voorzitter)',
    note: 'De burgemeester is voorzitter van de Alliantie.',
  },
  { kind: 'partner', sector: 'Gemeente', note: '' },
  { kind: 'partner', sector: 'Woningcorporatie', note: '' },
  { kind: 'partner', sector: 'Primair onderwijs', note: '' },
  { kind: 'partner', sector: 'Voortgezet onderwijs', note: '' },
  { kind: 'partner', sector: 'Ondernemers', note: '' },
  { kind: 'partner', sector: 'Sociaal wijkteam / buurtwerk / jongerenwerk', note: '' },
  { kind: 'partner', sector: 'Politie', note: '' },
  { kind: 'partner', sector: 'Ministerie van Justitie en Veiligheid', note: '' },
  {
    kind: 'bewoners',
    sector: 'Bewoners',
    note: 'Hoe bewoners een stem krijgen in de Alliantie, wordt nog uitgewerkt.',
  },
];

export interface AgreementSeed {
  subject: AgreementSubject;
  position: number;
  party: AgreementParty;
  commitment: string;
  linkPath?: string;
  linkLabel?: string;
}

export const DORDT_WEST_AGREEMENTS: readonly AgreementSeed[] = [
  {
    subject: 'afbakening',
    position: 1,
    party: 'rijk-en-gemeente',
    commitment:
      'De wijken Oud-Krispijn, Nieuw-Krispijn, Wielwijk en Crabbehof zijn samen één stedelijk focusgebied. Zuidhoven valt erbuiten; de Reeweg Zuid is de zuidgrens. De grens volgt zoveel mogelijk de bekende buurtgrenzen, met het oog op monitoring.',
    linkPath: '/gebieden/dordt-west',
    linkLabel: 'Afbakening en kaart van Dordt West',
  },
  {
    subject: 'inzet-rijk',
    position: 1,
    party: 'rijk',
    commitment:
      'Het Kabinet werkt in het Nationaal Programma Leefbaarheid en Veiligheid samen met 19 gemeenten om de leefbaarheid en veiligheid van de meest kwetsbare gebieden in 15 tot 20 jaar op orde te brengen.',
  },
  {
    subject: 'inzet-rijk',
    position: 2,
    party: 'rijk',
    commitment:
      'Het Ministerie van Justitie en Veiligheid heeft een vertegenwoordiger in de Alliantie Dordt West.',
    linkPath: '/gebieden/dordt-west/alliantie',
    linkLabel: 'Samenstelling van de Alliantie',
  },
  {
    subject: 'governance',
    position: 1,
    party: 'gemeente',
    commitment:
      'Onder voorzitterschap van de burgemeester komt er een publiek-private alliantie met de lokale kernpartners: de Alliantie Dordt West. De Alliantie voert de regie en bepaalt wat er nodig is in Dordt West.',
    linkPath: '/gebieden/dordt-west/alliantie',
    linkLabel: 'Samenstelling van de Alliantie',
  },
  {
    subject: 'governance',
    position: 2,
    party: 'gemeente',
    commitment:
      'Er komt een programmabureau met medewerkers van de meest betrokken partners, met een aanjagende en agenderende functie, op een passende locatie in het focusgebied.',
  },
  {
    subject: 'governance',
    position: 3,
    party: 'gemeente',
    commitment:
      'Het college informeert de raad regelmatig over het opstellen en uitvoeren van het programma; de raad gaat over de eigen gemeentelijke inzet en budgetten.',
  },
  {
    subject: 'monitoring',
    position: 1,
    party: 'rijk',
    commitment: 'Landelijk wordt gewerkt aan uniforme monitoring voor alle deelnemende gemeenten.',
  },
  {
    subject: 'monitoring',
    position: 2,
    party: 'gemeente',
    commitment:
      'De bestaande Monitor Dordt West wordt omgebouwd tot een brede monitor voor het Nationaal Programma Dordt West, begeleid door het Onderzoekscentrum Drechtsteden.',
    linkPath: '/gebieden/dordt-west',
    linkLabel: 'Monitor Dordt West',
  },
  {
    subject: 'bewonersbetrokkenheid',
    position: 1,
    party: 'gemeente',
    commitment:
      'Bewoners krijgen een belangrijke stem bij het opstellen en uitvoeren van het programma: er is een bewonersenquête (digitaal, mondeling en schriftelijk) en bewoners krijgen een stem in de Alliantie.',
    linkPath: '/enquete/bewonersenquete-dordt-west',
    linkLabel: 'Bewonersenquête Dordt West',
  },
  {
    subject: 'financiering',
    position: 1,
    party: 'rijk',
    commitment:
      'Het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties stelt vanaf 2023 € 500.000 per jaar beschikbaar voor het inrichten van een programmabureau.',
  },
  {
    subject: 'financiering',
    position: 2,
    party: 'gemeente',
    commitment:
      'Voor de subsidieregelingen van de betrokken ministeries dient de gemeente aparte aanvragen in.',
  },
];
