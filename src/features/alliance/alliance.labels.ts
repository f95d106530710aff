import type {
  ActionStatus,
  AgreementParty,
  AgreementStatus,
  AgreementSubject,
  DecisionVisibility,
  SeatKind,
} from './alliance.table.ts';

/** Dutch labels of the Alliance's closed lists, in the order pages show them. */
export const SEAT_KIND_LABELS: Record<SeatKind, string> = {
  voorzitter: 'Voorzitter',
  partner: 'Partner',
  bewoners: 'Bewonerszetel',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  bezig: 'Bezig',
  afgerond: 'Afgerond',
};

export const VISIBILITY_LABELS: Record<DecisionVisibility, string> = {
  openbaar: 'Openbaar',
  vertrouwelijk: 'Vertrouwelijk',
};

/** The six subjects of the agreements, as the council letter lists them. */
export const AGREEMENT_SUBJECTS: readonly { key: AgreementSubject; label: string }[] = [
  { key: 'afbakening', label: 'Afbakening van het gebied' },
  { key: 'inzet-rijk', label: 'Inzet van het Rijk' },
  { key: 'governance', label: 'Governance' },
  { key: 'monitoring', label: 'Monitoring' },
  { key: 'bewonersbetrokkenheid', label: 'Bewonersbetrokkenheid' },
  { key: 'financiering', label: 'Financiering' },
];

export const PARTY_LABELS: Record<AgreementParty, string> = {
  rijk: 'Rijk',
  gemeente: 'Gemeente',
  'rijk-en-gemeente': 'Rijk en gemeente samen',
};

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  afgesproken: 'Afgesproken',
  'in-uitvoering': 'In uitvoering',
  gerealiseerd: 'Gerealiseerd',
  vervallen: 'Vervallen',
};

/** Audit log actions of this feature: readable Dutch, "onderwerp.wat-er-gebeurde". */
export const AUDIT_ACTIONS = {
  seatAdded: 'alliantie.zetel-toegevoegd',
  memberAdded: 'alliantie.lid-toegevoegd',
  memberEnded: 'alliantie.lidmaatschap-beeindigd',
  memberCorrected: 'alliantie.lid-gewijzigd',
  consentChanged: 'alliantie.toestemming-naam-gewijzigd',
  meetingPlanned: 'alliantie.vergadering-gepland',
  meetingChanged: 'alliantie.vergadering-gewijzigd',
  documentsAdded: 'alliantie.documenten-toegevoegd',
  decisionRecorded: 'alliantie.besluit-vastgelegd',
  actionAdded: 'alliantie.actie-toegevoegd',
  actionStatusChanged: 'alliantie.actiestatus-gewijzigd',
  agreementAdded: 'alliantie.afspraak-vastgelegd',
  agreementUpdated: 'alliantie.afspraak-bijgewerkt',
  // Corrections of what was recorded (the audit entry keeps before and after).
  seatCorrected: 'alliantie.zetel-gewijzigd',
  decisionCorrected: 'alliantie.besluit-gewijzigd',
  actionCorrected: 'alliantie.actie-gewijzigd',
  agreementCorrected: 'alliantie.afspraak-gewijzigd',
} as const;
