/** The status of a project, as the programme names it. */
export const PROJECT_STATUSES = [
  'idee',
  'in-voorbereiding',
  'lopend',
  'afgerond',
  'gestopt',
] as const;
export const PROJECT_STATUS_LABEL: Record<(typeof PROJECT_STATUSES)[number], string> = {
  idee: 'Idee',
  'in-voorbereiding': 'In voorbereiding',
  lopend: 'Lopend',
  afgerond: 'Afgerond',
  gestopt: 'Gestopt',
};
