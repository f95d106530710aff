import type { ThemeRef } from '../input-xlsx.ts';

export function sessionsBase(municipalityCode: string): string {
  return `/werkruimte/${municipalityCode}/bijeenkomsten`;
}

export function themeNames(themes: readonly ThemeRef[], keys: readonly string[]): string {
  const names = new Map(themes.map((t) => [t.key, t.name]));
  return keys.map((k) => names.get(k) ?? k).join(', ');
}

export const STATUS_LABELS = { gepland: 'Gepland', geannuleerd: 'Afgelast' } as const;
