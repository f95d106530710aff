import type { Questionnaire } from './questionnaire.schema.ts';

/**
 * The questionnaires the app knows, every version of each, loaded once at start (from
 * questionnaires/). A response names the version it was given in, so older versions stay.
 */
export class QuestionnaireRegistry {
  private readonly byKey = new Map<string, Questionnaire[]>();

  constructor(questionnaires: readonly Questionnaire[]) {
    for (const q of questionnaires) {
      const list = this.byKey.get(q.key) ?? [];
      if (list.some((x) => x.version === q.version)) {
        throw new Error(`Vragenlijst ${q.key} versie ${q.version} staat er twee keer in.`);
      }
      list.push(q);
      list.sort((a, b) => a.version - b.version);
      this.byKey.set(q.key, list);
    }
  }

  /** The newest version of a questionnaire, or a given version. */
  get(key: string, version?: number): Questionnaire | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    return version === undefined ? list.at(-1) : list.find((q) => q.version === version);
  }

  /** Every version of one questionnaire, oldest first (for exports across versions). */
  versions(key: string): readonly Questionnaire[] {
    return this.byKey.get(key) ?? [];
  }

  /** The newest version of each questionnaire. */
  list(): Questionnaire[] {
    return [...this.byKey.values()].map((l) => l.at(-1) as Questionnaire);
  }
}
