import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as dutch from '@zxcvbn-ts/language-nl-be';

/**
 * zxcvbn's score: 3 means about 10^8 guesses or more ("safely unguessable" for an online attack
 * behind a throttle). Below it: a common password (the shared list of leaked passwords), a Dutch
 * word or name, a keyboard row, a repeat, a date, or the user's own name or e-mail (ADR 0015).
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use (about 0.1 s, a few MB of word lists); the same for the whole process. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...dutch.dictionary },
  });
  return estimator;
}

/** Whether a password is too easy to guess, given what else is known about its owner. */
export function isGuessable(password: string, userInputs: readonly string[] = []): boolean {
  const inputs = userInputs
    .flatMap((v) => [v, ...v.split(/[@.\s_-]+/)])
    .filter((v) => v.length > 2);
  return zxcvbn().check(password, inputs).score < MIN_PASSWORD_SCORE;
}
