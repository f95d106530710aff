import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withJobBar } from './progress.ts';

describe('haal-op progress bar', () => {
  it('puts a bar of the jobs done before a line that names its job', () => {
    assert.equal(
      withJobBar('[1/4] 85984NED (indeling 2024) GM0505: pagina 1 opgehaald', 8),
      '[--------] 0% [1/4] 85984NED (indeling 2024) GM0505: pagina 1 opgehaald',
    );
    assert.equal(withJobBar('[3/4] x', 8), '[####----] 50% [3/4] x');
    assert.equal(withJobBar('[248/247] x', 10), '[##########] 100% [248/247] x');
    assert.match(withJobBar('[124/247] x'), /^\[#{10}-{10}\] 49% /);
  });

  it('leaves a line without a job number as it is', () => {
    assert.equal(withJobBar('Klaar: 12 geïmporteerd.'), 'Klaar: 12 geïmporteerd.');
  });
});
