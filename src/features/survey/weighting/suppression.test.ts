import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  protectCounts,
  suppressBreakdown,
  suppressFrequencyTable,
  type FrequencyCounts,
} from './suppression.ts';

/* Hand-made tables (made-up counts), each a case from issue 12. */

type Cell = { category: string; n: number; share: number };
const cell = (category: string, n: number, total: number): Cell => ({
  category,
  n,
  share: total > 0 ? n / total : 0,
});
function table(
  valid: [string, number][],
  missing: [string, number][] = [],
  nMissing = 0,
): FrequencyCounts<Cell> {
  const nValid = valid.reduce((a, [, n]) => a + n, 0);
  return {
    categories: valid.map(([c, n]) => cell(c, n, nValid)),
    missingCategories: missing.map(([c, n]) => cell(c, n, nValid)),
    nValid,
    nMissing,
  };
}
const hidden = (cells: { category: string; onderdrukt: boolean }[]) =>
  cells.filter((c) => c.onderdrukt).map((c) => c.category);
const KEYS = ['share'] as const;

/**
 * Independent check of a 2 × 2 breakdown: inner cells 0–3, row totals 4–5, column totals 6–7,
 * grand total 8. Tries every whole-number value 0..cap of the hidden inner cells, keeps those
 * that agree with every shown count, and returns the hidden counts above 0 that take one value
 * only, i.e. that a reader could work out.
 */
function derivable(counts: number[], isHidden: boolean[], cap: number): number[] {
  const unknown = [0, 1, 2, 3].filter((i) => isHidden[i]);
  const seen = new Map<number, Set<number>>(
    counts.map((_, i) => [i, new Set<number>()] as [number, Set<number>]),
  );
  const inner = counts.slice(0, 4);
  const all = (x: number[]) => [
    ...x,
    x[0]! + x[1]!,
    x[2]! + x[3]!,
    x[0]! + x[2]!,
    x[1]! + x[3]!,
    x[0]! + x[1]! + x[2]! + x[3]!,
  ];
  const walk = (k: number) => {
    if (k === unknown.length) {
      const values = all(inner);
      if (values.every((v, i) => isHidden[i] || v === counts[i])) {
        values.forEach((v, i) => seen.get(i)!.add(v));
      }
      return;
    }
    for (let v = 0; v <= cap; v++) {
      inner[unknown[k]!] = v;
      walk(k + 1);
    }
    inner[unknown[k]!] = counts[unknown[k]!]!;
  };
  walk(0);
  return counts
    .map((_, i) => i)
    .filter((i) => isHidden[i] && counts[i]! > 0 && seen.get(i)!.size === 1);
}

describe('disclosure control: one question', () => {
  it('shows "Ja 382 of 800" when "Weet ik niet" is 0: a 0 is no risk', () => {
    const out = suppressFrequencyTable(
      table([
        ['ja', 382],
        ['nee', 418],
        ['weet_ik_niet', 0],
      ]),
      800,
      KEYS,
    );
    assert.deepEqual(hidden(out.categories), []);
    assert.equal(out.categories[0]!.n, 382);
    assert.equal(out.categories[2]!.n, 0);
    assert.equal(out.nValid, 800);
  });

  it('hides a count of 1 to 9, and one more when the total would give it away', () => {
    const out = suppressFrequencyTable(
      table([
        ['ja', 382],
        ['nee', 415],
        ['weet_ik_niet', 3],
      ]),
      800,
      KEYS,
    );
    assert.deepEqual(hidden(out.categories), ['ja', 'weet_ik_niet']);
    assert.deepEqual(
      out.categories.map((c) => c.reden),
      ['aanvullend', null, 'kleine_n'],
    );
    assert.equal(out.categories[0]!.share, null);
  });

  it('needs no extra cell when two small counts hide each other', () => {
    const out = suppressFrequencyTable(
      table([
        ['ja', 390],
        ['nee', 4],
        ['weet_ik_niet', 6],
      ]),
      400,
      KEYS,
    );
    assert.deepEqual(hidden(out.categories), ['nee', 'weet_ik_niet']);
  });

  it('hides a small "weet niet" count outside the base, and what would give it away', () => {
    // 400 responses: 380 valid, 5 "weet niet", 15 without answer. The 5 follows from
    // 400 − 380 − 15, so the count without answer is hidden as well.
    const out = suppressFrequencyTable(
      table(
        [
          ['ja', 180],
          ['nee', 200],
        ],
        [['weet_niet', 5]],
        15,
      ),
      400,
      KEYS,
    );
    assert.equal(out.missingCategories[0]!.onderdrukt, true);
    assert.equal(out.nMissing, null);
    assert.equal(out.nValid, 380);
  });

  it('hides the count without an answer, even a 0, rather than the whole table', () => {
    // 400 responses: 395 valid, 5 "weet niet", nobody skipped. 400 − 395 gives the 5 unless
    // the count without an answer is hidden too; the table itself stays.
    const out = suppressFrequencyTable(
      table(
        [
          ['ja', 180],
          ['nee', 215],
        ],
        [['weet_niet', 5]],
        0,
      ),
      400,
      KEYS,
    );
    assert.equal(out.missingCategories[0]!.onderdrukt, true);
    assert.equal(out.nMissing, null);
    assert.equal(out.nValid, 395);
    assert.deepEqual(hidden(out.categories), []);
  });

  it('shows a small count without an answer: skipping a question is no answer to protect', () => {
    const out = suppressFrequencyTable(
      table(
        [
          ['ja', 180],
          ['nee', 216],
        ],
        [],
        4,
      ),
      400,
      KEYS,
    );
    assert.equal(out.nMissing, 4);
    assert.deepEqual(hidden(out.categories), []);
  });

  it('shows no share at all when fewer than 10 answered', () => {
    const out = suppressFrequencyTable(
      table([
        ['ja', 5],
        ['nee', 0],
      ]),
      9,
      KEYS,
    );
    assert.equal(out.onderdrukt, true);
    assert.equal(out.nValid, null);
    assert.ok(out.categories.every((c) => c.onderdrukt && c.share === null));
  });
});

describe('disclosure control: a breakdown by buurt', () => {
  const overall = table([
    ['ja', 420],
    ['nee', 380],
  ]);
  const overallShown = suppressFrequencyTable(overall, 800, KEYS);

  it('Admiraalsplein: "Ja" with n = 15 would give away the hidden "Nee" of 4, so it goes too', () => {
    const groups = [
      table([
        ['ja', 11],
        ['nee', 4],
      ]),
      table([
        ['ja', 200],
        ['nee', 180],
      ]),
      table([
        ['ja', 209],
        ['nee', 196],
      ]),
    ];
    const out = suppressBreakdown(overall, overallShown, groups, 800, KEYS);
    assert.deepEqual(hidden(out[0]!.categories), ['ja', 'nee']);
    assert.equal(out[0]!.categories[0]!.reden, 'aanvullend');
    assert.equal(out[0]!.categories[0]!.share, null);
    // The columns add up to the overall 420 and 380: another buurt hides a cell in each.
    for (const k of [0, 1]) {
      assert.ok(
        out.slice(1).some((g) => g.categories[k]!.onderdrukt),
        `column ${k} has a second hidden cell`,
      );
    }
  });

  it('a group of 6 is never shown, not even as 800 − 794', () => {
    const groups = [
      table([
        ['ja', 3],
        ['nee', 3],
      ]),
      table([
        ['ja', 200],
        ['nee', 180],
      ]),
      table([
        ['ja', 217],
        ['nee', 197],
      ]),
    ];
    const out = suppressBreakdown(overall, overallShown, groups, 800, KEYS);
    assert.equal(out[0]!.nValid, null);
    assert.equal(out[0]!.onderdrukt, true);
    const shownSizes = out.filter((g) => g.nValid !== null).length;
    assert.ok(shownSizes <= 1, 'with one group hidden, a second group size is hidden too');
  });
});

describe('protectCounts: no hidden count can be derived (exhaustive check)', () => {
  it('holds on every small 2 × 2 breakdown with published margins', () => {
    const sums = [
      { total: 4, parts: [0, 1] },
      { total: 5, parts: [2, 3] },
      { total: 6, parts: [0, 2] },
      { total: 7, parts: [1, 3] },
      { total: 8, parts: [4, 5] },
      { total: 8, parts: [6, 7] },
    ];
    const choices = [0, 3, 12];
    let tables = 0;
    for (let code = 0; code < choices.length ** 4; code++) {
      const [a, b, c, d] = Array.from(
        { length: 4 },
        (_, k) => choices[Math.floor(code / 3 ** k) % 3]!,
      ) as [number, number, number, number];
      const counts = [a, b, c, d, a + b, c + d, a + c, b + d, a + b + c + d];
      const reasons = protectCounts({ counts, sums });
      const isHidden = reasons.map((r) => r !== null);
      for (const [i, n] of counts.entries()) {
        if (n >= 1 && n <= 9) assert.ok(isHidden[i], `count ${n} at ${i} is shown (${counts})`);
        if (n === 0 || n >= 10) {
          // Nothing is hidden without a reason: a 0 or a large count only as a complement.
          assert.ok(reasons[i] !== 'kleine_n');
        }
      }
      const leaks = derivable(counts, isHidden, 24);
      assert.deepEqual(leaks, [], `derivable cells ${leaks} in ${counts}, hidden ${isHidden}`);
      tables++;
    }
    assert.equal(tables, 81);
  });
});
