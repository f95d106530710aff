import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neededProperties, subsetCss, usedClasses } from './css-subset.ts';

const VENDOR = `/**
 * @license EUPL-1.2
 */
/* a plain comment */
@charset "UTF-8";
.x-button { color: var(--x-button-color); }
.x-button--primary, .x-unused { background: red; }
.x-unused .x-button { margin: 0; }
.x-heading-2 { font: bold; }
body, :root { margin: 0; }
.x-a[title="{ ; }"] { content: "}"; }
@media screen and (forced-colors: active) { .x-button { border: 1px solid; } .x-unused { border: 0; } }
@media print { .x-unused { display: none; } }
@keyframes spin { from { rotate: 0deg; } to { rotate: 360deg; } }
`;

describe('subsetCss', () => {
  const used = usedClasses(
    ['<a class="x-button x-a">', 'const c = `x-heading-${level}`;', "'x-button--' + v"],
    'x-',
  );

  it('finds exact class names and prefixes of names built at run time', () => {
    assert.ok(used.exact.has('x-button'));
    assert.ok(used.exact.has('x-a'));
    assert.deepEqual(used.prefixes, ['x-heading-']);
  });

  it('keeps rules whose classes we use, drops the rest, keeps licences and @-rules', () => {
    const out = subsetCss(VENDOR, 'x-', used);
    assert.match(out, /@license EUPL-1\.2/);
    assert.doesNotMatch(out, /a plain comment/);
    assert.match(out, /@charset "UTF-8";/);
    assert.match(out, /^\.x-button\{ color: var\(--x-button-color\); \}$/m);
    assert.doesNotMatch(
      out,
      /x-unused/,
      'unused selectors, also inside a list or @media, are gone',
    );
    assert.match(out, /^\.x-heading-2\{/m, 'a prefix keeps the classes built from it');
    assert.match(out, /^body, ?:root\{/m, 'rules without a vendor class stay');
    assert.match(out, /\.x-a\[title="\{ ; \}"\]\{ content: "\}"; \}/, 'braces in strings');
    assert.match(out, /@media screen and \(forced-colors: active\)\{\.x-button\{/);
    assert.doesNotMatch(out, /@media print/, 'an @media block left empty is dropped');
    assert.match(out, /@keyframes spin/);
    // 'x-button--' + v is not a template: x-button--primary is not kept by it.
    assert.doesNotMatch(out, /x-button--primary/);
  });

  it('keeps only the custom properties that are referred to, following aliases', () => {
    const tokens = `.x-theme { --x-button-color: var(--x-blue); --x-blue: #00f; --x-red: #f00; --x-unrelated: var(--x-red); }`;
    const needed = neededProperties(tokens, ['.x-button { color: var(--x-button-color); }']);
    assert.deepEqual([...needed].sort(), ['--x-blue', '--x-button-color']);
    const out = subsetCss(tokens, 'x-', usedClasses(['x-theme'], 'x-'), { properties: needed });
    assert.equal(out, '.x-theme{--x-button-color: var(--x-blue);--x-blue: #00f}');
  });

  it('names the place of a block that is not closed', () => {
    assert.throws(() => subsetCss('.x-button { color: red;', 'x-', used), /teken 11/);
  });
});
