/** The five themes of the programme (the council letter), as the catalogue keys them. */
export const THEMES = [
  { key: 'gezond-leven', name: 'Gezond leven' },
  { key: 'wonen', name: 'Wonen' },
  { key: 'werk-en-inkomen', name: 'Werk en inkomen' },
  { key: 'onderwijs', name: 'Onderwijs' },
  { key: 'veiligheid-en-leefbaarheid', name: 'Veiligheid en leefbaarheid van de openbare ruimte' },
] as const;

export function themeName(key: string | null): string {
  if (key === null) return 'Geen thema (programmabureau)';
  return THEMES.find((t) => t.key === key)?.name ?? key;
}

export function isTheme(key: string): boolean {
  return THEMES.some((t) => t.key === key);
}
