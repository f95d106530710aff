import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceAnchor, formatEvidenceRef, parseEvidenceRef } from './evidence.ts';

describe('evidence references', () => {
  it('round-trips the text form', () => {
    for (const text of [
      'indicator:bevolkingsdichtheid',
      'survey:12:q7',
      'input:41',
      'code:veiligheid.overlast',
    ]) {
      const ref = parseEvidenceRef(text);
      assert.ok(ref, text);
      assert.equal(formatEvidenceRef(ref), text);
    }
  });

  it('refuses unknown kinds, empty ids and whitespace', () => {
    for (const text of ['', 'indicator', 'indicator:', 'cijfer:x', ':x', 'input:4 1']) {
      assert.equal(parseEvidenceRef(text), null, text);
    }
  });

  it('makes an HTML id that keeps kinds apart and contains only safe characters', () => {
    assert.equal(evidenceAnchor({ kind: 'survey', id: '12:q7' }), 'bewijs-survey-12-q7');
    assert.notEqual(
      evidenceAnchor({ kind: 'input', id: '1' }),
      evidenceAnchor({ kind: 'code', id: '1' }),
    );
    assert.match(evidenceAnchor({ kind: 'code', id: 'a.b/<c>' }), /^[A-Za-z0-9_-]+$/);
  });
});
