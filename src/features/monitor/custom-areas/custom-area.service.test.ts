import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CustomAreaRefusedError,
  checkCustomArea,
  parseBuurtParam,
  type CustomAreaContext,
  type PickableBuurt,
} from './custom-area.service.ts';

const member = (code: string, inhabitants: number, secret = false): PickableBuurt => ({
  code,
  name: `Fixture ${code}`,
  wijkCode: null,
  wijkName: 'Alle wijken',
  inhabitants,
  secret,
});

function context(level: 'buurt' | 'wijk', members: PickableBuurt[]): CustomAreaContext {
  return {
    level,
    municipalityCode: 'GM0606',
    municipalityName: 'Fixturestad',
    indelingYear: 2024,
    buurten: members,
    published: [
      { label: 'de gemeente Fixturestad', buurtCodes: members.map((m) => m.code) },
      ...members.map((m) => ({ label: `${level} ${m.name}`, buurtCodes: [m.code] })),
    ],
  };
}

const WIJKEN = context('wijk', [
  member('WK060601', 4000),
  member('WK060602', 3000),
  member('WK060603', 300, true),
  member('WK060604', 200),
  member('WK060605', 2000),
]);
const BUURTEN = context('buurt', [
  member('BU06060101', 4000),
  member('BU06060102', 3000),
  member('BU06060103', 300, true),
  member('BU06060104', 200),
  member('BU06060105', 2000),
]);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CustomAreaRefusedError, String(error));
    return error.message;
  }
  assert.fail('not refused');
}

describe('custom area wording: wijken are called wijken, buurten buurten', () => {
  it('names a set of wijken "Eigen gebied (2 wijken)", a set of buurten "(2 buurten)"', () => {
    assert.equal(checkCustomArea(WIJKEN, ['WK060601', 'WK060602']).name, 'Eigen gebied (2 wijken)');
    assert.equal(checkCustomArea(WIJKEN, ['WK060601']).name, 'Eigen gebied (1 wijk)');
    assert.equal(
      checkCustomArea(BUURTEN, ['BU06060101', 'BU06060102']).name,
      'Eigen gebied (2 buurten)',
    );
    assert.equal(checkCustomArea(BUURTEN, ['BU06060101']).name, 'Eigen gebied (1 buurt)');
  });

  it('says "wijken" when refusing a set of wijken that is too small', () => {
    const message = refusal(() => checkCustomArea(WIJKEN, ['WK060604']));
    assert.match(message, /^Deze wijk heeft 200 inwoners\./);
    assert.match(message, /Kies meer wijken\.$/);
    assert.doesNotMatch(message, /buurt/);
    const two = refusal(() => checkCustomArea(WIJKEN, ['WK060603', 'WK060604']));
    assert.match(two, /^Deze wijken hebben samen 500 inwoners\./);
    assert.match(
      refusal(() => checkCustomArea(BUURTEN, ['BU06060103', 'BU06060104'])),
      /^Deze buurten hebben samen 500 inwoners\..*Kies meer buurten\.$/,
    );
  });

  it('says "wijk" when a set of wijken differs from a published area by a secret wijk', () => {
    const message = refusal(() =>
      checkCustomArea(WIJKEN, ['WK060601', 'WK060602', 'WK060604', 'WK060605']),
    );
    assert.match(message, /alleen in wijk Fixture WK060603 \(samen 300 inwoners\)/);
    assert.match(message, /Voeg meer wijken toe/);
    assert.doesNotMatch(message, /buurt/);
    assert.match(
      refusal(() =>
        checkCustomArea(BUURTEN, ['BU06060101', 'BU06060102', 'BU06060104', 'BU06060105']),
      ),
      /alleen in buurt Fixture BU06060103 .*Voeg meer buurten toe/,
    );
  });

  it('says "wijk" for an unknown wijk, and "gebieden" for a mix of wijken and buurten', () => {
    const unknown = refusal(() => checkCustomArea(WIJKEN, ['WK999999']));
    assert.match(unknown, /^Wijk WK999999 ligt niet in Fixturestad \(indeling 2024\)/);
    assert.match(unknown, /Kies wijken uit de lijst\.$/);
    assert.doesNotMatch(unknown, /buurt/);
    const mixed = context('wijk', [...WIJKEN.buurten, member('BU06069999', 5000)]);
    assert.equal(
      checkCustomArea(mixed, ['WK060601', 'BU06069999']).name,
      'Eigen gebied (2 gebieden)',
    );
    const many = Array.from({ length: 251 }, (_, i) => `WK06${String(i).padStart(4, '0')}`);
    assert.match(
      refusal(() => parseBuurtParam(many)),
      /^U koos 251 wijken; kies er hoogstens 250\.$/,
    );
  });
});
