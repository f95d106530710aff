/** Words of two or more letters (digits, signs and note numbers split them off). */
function letterWords(text: string): string[] {
  return text.split(/[^\p{L}]+/u).filter((w) => w.length >= 2);
}

function counts(words: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/**
 * The words of `expected` that the printed text holds fewer times than `expected` does: a word
 * broken over two lines inside a table cell ("Veranderin" + "g") is no longer found whole, and
 * a clipped column loses its words. Case-sensitive; each word is listed once.
 */
export function brokenWords(expected: string, printed: string): string[] {
  const have = counts(letterWords(printed));
  return [...counts(letterWords(expected))]
    .filter(([word, n]) => (have.get(word) ?? 0) < n)
    .map(([word]) => word);
}
