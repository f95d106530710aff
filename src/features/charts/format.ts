/**
 * Number and period text for charts and maps. Dutch style: decimal comma and a narrow no-break
 * space between thousands (as CBS writes figures), so "12 345,6" never wraps inside a number.
 */

const THIN_SPACE = '\u202f';

const formats = new Map<number, Intl.NumberFormat>();

function numberFormat(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('nl-NL', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, format);
  }
  return format;
}

/** "1234567.891", 1 → "1 234 567,9"; a value that rounds to zero never shows as "-0". */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '–';
  const d = Math.max(0, Math.min(20, Math.trunc(decimals)));
  // Below half the last digit the number rounds to zero: shown without a minus sign.
  const shown = Math.abs(value) < 0.5 * 10 ** -d ? 0 : value;
  // nl-NL groups with "." and has "," for decimals, so every "." is a group separator. format()
  // is several times faster than formatToParts, and pages format hundreds of numbers.
  return numberFormat(d).format(shown).replaceAll('.', THIN_SPACE);
}

/**
 * A number with its unit as a reader says it: "12,3% van de huishoudens", "4,5 per 1.000
 * inwoners". Counts ("aantal ...") need no unit after the number.
 */
export function formatValue(value: number, decimals: number, unit: string): string {
  const text = formatNumber(value, decimals);
  const u = unit.trim();
  if (u === '' || /^aantal\b/i.test(u)) return text;
  if (u.startsWith('%')) return text + u;
  if (u.startsWith('×')) return `${text} (${u})`;
  return `${text} ${u}`;
}

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/**
 * A period as text: "2023" and the CBS code "2023JJ00" → "2023", "2023KW02" → "2e kwartaal
 * 2023", "2023MM03" → "maart 2023". Anything else is shown as it is.
 */
export function formatPeriod(period: string): string {
  const p = period.trim();
  const year = /^(\d{4})(?:JJ00)?$/.exec(p);
  if (year) return year[1]!;
  const quarter = /^(\d{4})KW0([1-4])$/.exec(p);
  if (quarter) return `${quarter[2]}e kwartaal ${quarter[1]}`;
  const month = /^(\d{4})MM(0[1-9]|1[0-2])$/.exec(p);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return p;
}

/**
 * The position of a period on a year axis: "2023" → 2023, a quarter or month lies inside its
 * year. Null when the period is not a year, quarter or month.
 */
export function periodToYear(period: string): number | null {
  const p = period.trim();
  const year = /^(\d{4})(?:JJ00)?$/.exec(p);
  if (year) return Number(year[1]);
  const quarter = /^(\d{4})KW0([1-4])$/.exec(p);
  if (quarter) return Number(quarter[1]) + (Number(quarter[2]) - 1) / 4;
  const month = /^(\d{4})MM(0[1-9]|1[0-2])$/.exec(p);
  if (month) return Number(month[1]) + (Number(month[2]) - 1) / 12;
  return null;
}
