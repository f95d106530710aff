/**
 * Amounts are whole euro cents in integers everywhere: no floating point ever touches money.
 * Input is Dutch ("€ 1.234,56", "1234,56", "-250", "1.000.000"); a dot before exactly three
 * digits is a thousands separator, the comma is the decimal separator.
 */

export type MoneyParse = { ok: true; cents: number } | { ok: false; error: string };

const MAX_CENTS = 10 ** 15; // ten thousand billion euro; beyond this a typo is more likely

export function parseEuro(input: string): MoneyParse {
  const raw = input.replace(/\u00a0/g, ' ').trim();
  if (raw === '') return { ok: false, error: 'Vul een bedrag in, zoals 1.234,56.' };
  let s = raw.replace(/^€\s*/, '').replace(/\s*€$/, '').replace(/\s+/g, '');
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = -1;
    s = s.slice(1).replace(/^€/, '');
  }
  // Whole part: digits, or digits grouped by dots per three; then optionally ",d" or ",dd".
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?$/.exec(s);
  if (!m) {
    if (/^\d+\.\d{1,2}$/.test(s))
      return {
        ok: false,
        error: `"${raw}" is geen bedrag in Nederlandse schrijfwijze: gebruik een komma voor de centen, zoals ${s.replace('.', ',')}.`,
      };
    if (/,\d{3,}$/.test(s))
      return {
        ok: false,
        error: `"${raw}" heeft meer dan twee cijfers achter de komma; een bedrag heeft hele centen.`,
      };
    return { ok: false, error: `"${raw}" is geen bedrag. Schrijf het zo: 1.234,56 of € 1234,56.` };
  }
  const whole = Number(m[1]!.replace(/\./g, ''));
  const fraction = m[2] === undefined || m[2].startsWith('-') ? 0 : Number(m[2].padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS)
    return { ok: false, error: `"${raw}" is te groot voor een bedrag.` };
  return { ok: true, cents: sign * cents === 0 ? 0 : sign * cents };
}

/** A number from a spreadsheet cell (euros, maybe with float noise) to cents, rounded half away from zero. */
export function eurosToCents(euros: number): number | null {
  if (!Number.isFinite(euros)) return null;
  const cents = Math.sign(euros) * Math.round(Math.abs(euros) * 100 + 1e-7);
  if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_CENTS) return null;
  return cents === 0 ? 0 : cents;
}

const grouped = new Intl.NumberFormat('nl-NL', { useGrouping: true, maximumFractionDigits: 0 });

/** 123456 → "€ 1.234,56"; -5 → "-€ 0,05". Exact: integer arithmetic only. */
export function formatEuro(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`geen geheel aantal centen: ${cents}`);
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}€ ${grouped.format(euros)},${rest}`;
}

/** For a form field: 123456 → "1234,56" (no sign of €, so it parses back). */
export function centsToInput(cents: number | null): string {
  if (cents === null) return '';
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
