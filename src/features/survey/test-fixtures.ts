import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { projectRoot } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { createInvitationCodes } from './responses/invitations.ts';
import { newIdempotencyKey, submitComplete } from './responses/response.service.ts';
import type { Questionnaire } from './definition/questionnaire.schema.ts';
import type { Answers } from './definition/answers.ts';
import { questionnaireSchema, type QuestionnaireInput } from './definition/questionnaire.schema.ts';

/** A FIXTURE questionnaire: every routing shape the paper form has to write out. */
export const fixture: QuestionnaireInput = {
  key: 'fixture-papier',
  version: 2,
  title: { nl: 'Fixture-vragenlijst', en: 'Fixture questionnaire' },
  audience: 'bewoners',
  focusArea: 'dordt-west',
  languages: ['nl', 'en'],
  groups: [
    {
      name: 'werk',
      title: { nl: 'Werk', en: 'Work' },
      questions: [
        {
          name: 'heeft_werk',
          type: 'single_choice',
          theme: 'werk-en-inkomen',
          text: { nl: 'Hebt u betaald werk?', en: 'Do you have paid work?' },
          choices: [
            { value: 'ja', label: { nl: 'Ja', en: 'Yes' } },
            { value: 'nee', label: { nl: 'Nee', en: 'No' } },
          ],
        },
        {
          name: 'uren',
          type: 'number',
          theme: 'werk-en-inkomen',
          text: { nl: 'Hoeveel uur per week?', en: 'How many hours a week?' },
          min: 1,
          max: 80,
          showIf: { question: 'heeft_werk', equals: 'ja' },
        },
        {
          name: 'tevreden_werk',
          type: 'agree_scale',
          theme: 'werk-en-inkomen',
          text: { nl: 'Ik ben tevreden met mijn werk.', en: 'I am happy with my work.' },
          showIf: { question: 'heeft_werk', equals: 'ja' },
        },
      ],
    },
    {
      name: 'buurt',
      title: { nl: 'Uw buurt', en: 'Your neighbourhood' },
      questions: [
        {
          name: 'cijfer_buurt',
          type: 'grade',
          theme: 'algemeen',
          text: { nl: 'Welk cijfer geeft u uw buurt?', en: 'What mark do you give?' },
        },
        {
          name: 'verbeteren',
          type: 'multiple_choice',
          theme: 'veiligheid-en-leefbaarheid',
          text: { nl: 'Wat moet beter?', en: 'What should improve?' },
          choices: [
            { value: 'groen', label: { nl: 'Groen', en: 'Green' } },
            { value: 'verlichting', label: { nl: 'Verlichting', en: 'Lighting' } },
          ],
        },
        {
          name: 'toelichting',
          type: 'open_text',
          theme: 'veiligheid-en-leefbaarheid',
          text: { nl: 'Wat bedoelt u?', en: 'What do you mean?' },
          showIf: {
            any: [
              { question: 'verbeteren', selected: 'verlichting' },
              { question: 'heeft_werk', equals: 'nee' },
            ],
          },
        },
        {
          name: 'waarom_hoog',
          type: 'open_text',
          theme: 'algemeen',
          text: { nl: 'Waarom een hoog cijfer?', en: 'Why a high mark?' },
          showIf: { question: 'cijfer_buurt', gte: 8 },
        },
      ],
    },
  ],
};

/** The FIXTURE above plus a group with the remaining question types. */
export const fixtureAllTypes: QuestionnaireInput = {
  ...fixture,
  key: 'fixture-alle-typen',
  groups: [
    ...fixture.groups,
    {
      name: 'meer',
      title: { nl: 'Meer', en: 'More' },
      questions: [
        {
          name: 'stellingen',
          type: 'matrix',
          theme: 'veiligheid-en-leefbaarheid',
          text: { nl: 'Wat vindt u hiervan?', en: 'What do you think?' },
          rows: [
            { name: 'st_schoon', text: { nl: 'De straat is schoon.', en: 'The street is clean.' } },
            { name: 'st_veilig', text: { nl: 'Ik voel me veilig.', en: 'I feel safe.' } },
          ],
          choices: [
            { value: 'eens', label: { nl: 'Eens', en: 'Agree' } },
            { value: 'neutraal', label: { nl: 'Neutraal', en: 'Neutral' } },
            { value: 'oneens', label: { nl: 'Oneens', en: 'Disagree' } },
          ],
        },
        {
          name: 'themas',
          type: 'theme_ranking',
          theme: 'algemeen',
          text: { nl: 'Wat gaat voor?', en: 'What comes first?' },
          places: 3,
        },
        {
          name: 'woonbuurt',
          type: 'buurt_choice',
          theme: 'achtergrond',
          text: { nl: 'Waar woont u?', en: 'Where do you live?' },
        },
      ],
    },
  ],
};

/**
 * A FIXTURE stand-in for the resident survey: the catalogue's survey indicators name the key
 * `bewonersenquete-dordt-west`, so this fixture uses it; the answers are the made-up respondents
 * of the weighting tests, never real results.
 */
export const fixtureResidentSurvey = questionnaireSchema.parse({
  key: 'bewonersenquete-dordt-west',
  version: 1,
  title: { nl: 'FIXTURE bewonersenquête' },
  audience: 'bewoners',
  focusArea: 'dordt-west',
  languages: ['nl'],
  weighting: { buurt: 'woonbuurt', ageGroup: 'leeftijdsgroep', sex: 'geslacht' },
  groups: [
    {
      name: 'alles',
      title: { nl: 'Alles' },
      questions: [
        {
          name: 'onveilig_buurt',
          type: 'single_choice',
          theme: 'veiligheid-en-leefbaarheid',
          text: { nl: 'Voelt u zich weleens onveilig in uw buurt?' },
          choices: ['ja', 'nee', 'weet_niet'].map((v) => ({ value: v, label: { nl: v } })),
        },
        {
          name: 'rapportcijfer',
          type: 'grade',
          theme: 'algemeen',
          text: { nl: 'Welk cijfer geeft u uw buurt?' },
        },
        { name: 'woonbuurt', type: 'buurt_choice', theme: 'achtergrond', text: { nl: 'Buurt' } },
        {
          name: 'leeftijdsgroep',
          type: 'single_choice',
          theme: 'achtergrond',
          text: { nl: 'Leeftijd' },
          choices: ['15_24', '25_44', '45_64', '65_plus'].map((v) => ({
            value: v,
            label: { nl: v },
          })),
        },
        {
          name: 'geslacht',
          type: 'single_choice',
          theme: 'achtergrond',
          text: { nl: 'Geslacht' },
          choices: ['man', 'vrouw', 'anders', 'zeg_niet'].map((v) => ({
            value: v,
            label: { nl: v },
          })),
        },
      ],
    },
  ],
});

/** The 400 FIXTURE respondents of the weighting tests (made up, see its README). */
export function fixtureRespondents(): Record<string, string>[] {
  const file = path.join(projectRoot, 'test/fixtures/survey-weighting/fixture-respondents.csv');
  return parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
}

const AGE: Record<string, string> = {
  '15-24': '15_24',
  '25-44': '25_44',
  '45-64': '45_64',
  '65+': '65_plus',
};

/** One FIXTURE respondent's answers to the resident-survey fixture. */
export function fixtureAnswers(r: Record<string, string>): Answers {
  return {
    woonbuurt: r.buurt!,
    leeftijdsgroep: AGE[r.leeftijd!]!,
    geslacht: r.geslacht!,
    ...(r.onveilig ? { onveilig_buurt: r.onveilig } : {}),
    ...(r.rapportcijfer ? { rapportcijfer: Number(r.rapportcijfer) } : {}),
  };
}

/** Sends the FIXTURE respondents as web responses to `q` (the resident-survey fixture). */
/**
 * The fixture respondents, each with the code from an invitation letter (the way the resident
 * survey is fielded), so their answers may feed the monitor (responses/trust.ts).
 */
export async function submitFixtureRespondents(db: Kysely<Database>, q: Questionnaire, at: Date) {
  const respondents = fixtureRespondents();
  const secret = 'fixture-geheim-voor-uitnodigingscodes-32';
  const codes = await createInvitationCodes(db, secret, q.key, respondents.length);
  for (const [i, r] of respondents.entries()) {
    await submitComplete(
      db,
      {
        questionnaire: q,
        channel: 'web',
        language: 'nl',
        idempotencyKey: newIdempotencyKey(),
        answers: fixtureAnswers(r),
        invitation: { code: codes[i]!, secret },
      },
      at,
    );
  }
}
