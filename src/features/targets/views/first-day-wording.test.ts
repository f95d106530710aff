/**
 * Issue 18.1, the wording a new user met on the first day: a sentence with an empty list, a
 * lower-case country, and "door start" for data the system loaded itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actorLabel } from '../../../shared/actor-label.ts';
import { countedSentence } from '../../survey/results/views/results.page.tsx';
import type { StoredTarget } from '../target.types.ts';
import { describeTarget } from './targets-parts.tsx';

function gapTarget(reference: NonNullable<StoredTarget['reference']>): StoredTarget {
  return {
    focusAreaSlug: 'dordt-west',
    indicatorKey: 'x',
    kind: 'gap',
    reference,
    gapShare: 0.5,
    baselinePeriod: '2020',
    targetYear: 2030,
    isExample: false,
    note: '',
    updatedAt: '2026-12-04T10:00:00.000Z',
    updatedBy: 'seed',
  };
}

describe('first-day wording', () => {
  it('says that no answer counts yet instead of "0 antwoorden tellen mee (…): ."', () => {
    const none = countedSentence(0, {});
    assert.match(none, /^Er telt nog geen antwoord mee\. /);
    assert.doesNotMatch(none, /: \.|\(|\)/);
    assert.match(countedSentence(1, { internet: 1 }), /^1 antwoord telt mee: 1 via internet\. /);
    assert.match(
      countedSentence(5, { internet: 3, interview: 1, papier: 1 }),
      /^5 antwoorden tellen mee: 3 via internet, 1 uit een interview, 1 op papier\. /,
    );
  });

  it('writes the reference of a target as a name inside the sentence', () => {
    assert.equal(
      describeTarget(gapTarget('nederland'), '%'),
      '50% van de achterstand op Nederland inlopen',
    );
    assert.equal(
      describeTarget(gapTarget('gemeente'), '%'),
      '50% van de achterstand op de gemeente inlopen',
    );
    assert.equal(
      describeTarget(gapTarget('nplv'), '%'),
      '50% van de achterstand op het gemiddelde van de NPLV-focusgebieden inlopen',
    );
  });

  it('names who loaded or changed something in words, never "start", "seed" or an id', () => {
    assert.equal(actorLabel('gebruiker:0b6f-fixture Anna de Vries'), 'Anna de Vries');
    assert.equal(actorLabel('start'), 'Wijkkompas zelf, bij de eerste start');
    assert.equal(actorLabel('seed'), 'Wijkkompas zelf, bij de eerste start');
    assert.equal(actorLabel('cli'), 'een beheerder met de opdrachtregel');
  });
});
