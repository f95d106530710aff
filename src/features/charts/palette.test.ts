import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AREA_STYLES,
  INK,
  MUTED_INK,
  REFERENCE_STYLES,
  SEQUENTIAL_RAMP,
  TRAJECTORY_STYLE,
  WHITE,
  contrastRatio,
  rampColours,
  relativeLuminance,
} from './palette.ts';

describe('chart colours', () => {
  it('computes WCAG contrast', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio(WHITE, WHITE), 1);
  });

  it('gives every line and text colour at least 3:1 against white (WCAG 1.4.11)', () => {
    for (const style of [...AREA_STYLES, ...REFERENCE_STYLES, TRAJECTORY_STYLE]) {
      assert.ok(contrastRatio(style.color, WHITE) >= 3, `${style.color} too light`);
    }
    assert.ok(contrastRatio(MUTED_INK, WHITE) >= 4.5, 'axis text is text: 4.5:1');
    assert.ok(contrastRatio(INK, WHITE) >= 4.5);
  });

  it('tells reference lines apart without colour', () => {
    const dashes = REFERENCE_STYLES.map((s) => s.dash);
    assert.equal(new Set(dashes).size, dashes.length);
    assert.ok(
      AREA_STYLES.every((s) => s.dash === undefined),
      'areas are solid',
    );
    assert.ok(!dashes.includes(TRAJECTORY_STYLE.dash));
  });

  it('runs the map ramp from light to dark and spreads it over the classes', () => {
    const luminance = SEQUENTIAL_RAMP.map(relativeLuminance);
    for (let i = 1; i < luminance.length; i++) assert.ok(luminance[i]! < luminance[i - 1]!);
    const three = rampColours(3);
    assert.deepEqual(three, [SEQUENTIAL_RAMP[0], SEQUENTIAL_RAMP[3], SEQUENTIAL_RAMP.at(-1)]);
    assert.equal(rampColours(1).length, 1);
    assert.deepEqual(rampColours(0), []);
  });
});
