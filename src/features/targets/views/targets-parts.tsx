import type { FocusArea } from '../../focus-areas/index.ts';
import type { StoredTarget } from '../target.types.ts';
import { REFERENCE_IN_SENTENCE } from '../target-editing.service.ts';

const pct = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });

export function crumbs(code: string, area: FocusArea) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `/werkruimte/${code}/doelen/${area.slug}`, label: `Doelen van ${area.name}` },
  ];
}

export function describeTarget(t: StoredTarget, unit: string): string {
  switch (t.kind) {
    case 'gap':
      return `${pct.format((t.gapShare ?? 0) * 100)}% van de achterstand op ${REFERENCE_IN_SENTENCE[t.reference ?? 'nederland']} inlopen`;
    case 'value':
      return `${num.format(t.targetValue ?? 0)} (${unit}) bereiken`;
    case 'change':
      return `${num.format(t.change ?? 0)} (${unit}) veranderen`;
    case 'guard':
      return 'niet slechter worden';
  }
}
