import type { AuditEntry } from '../audit/index.ts';
import type {
  CouncilLetterStore,
  CouncilLetterTransaction,
  FocusAreaRef,
  Publication,
} from './council-letter.repository.ts';
import type { CouncilLetter, CouncilMoment, LetterStatus } from './council-letter.table.ts';
import type { LetterSources, MonitorFigures } from './live-blocks.ts';

/** An in-memory store with the repository's rules (a published letter is never updated). */
export class FakeCouncilLetterStore implements CouncilLetterStore {
  areas: FocusAreaRef[] = [{ slug: 'dordt-west', name: 'Dordt West', municipalityCode: 'GM0505' }];
  letters: CouncilLetter[] = [];
  moments: CouncilMoment[] = [];

  async findFocusArea(slug: string) {
    return this.areas.find((a) => a.slug === slug) ?? null;
  }
  async listLetters(slug: string) {
    return this.letters
      .filter((l) => l.focus_area_slug === slug)
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .map((l) => ({ ...l }));
  }
  async findLetter(id: string) {
    const l = this.letters.find((x) => x.id === id);
    return l ? { ...l } : null;
  }
  async findPublished(slug: string, number: number) {
    const l = this.letters.find(
      (x) => x.focus_area_slug === slug && x.number === number && x.status === 'gepubliceerd',
    );
    return l ? { ...l } : null;
  }
  async insertLetter(row: CouncilLetter) {
    this.letters.push({ ...row });
  }
  async updateTexts(id: string, texts: string, at: string, by: string) {
    const l = this.letters.find((x) => x.id === id && x.status === 'concept');
    if (!l) return false;
    Object.assign(l, { texts, updated_at: at, updated_by: by });
    return true;
  }
  async setStatus(id: string, from: LetterStatus, to: LetterStatus, at: string, by: string) {
    if (from === 'gepubliceerd' || to === 'gepubliceerd') return false;
    const l = this.letters.find((x) => x.id === id && x.status === from);
    if (!l) return false;
    Object.assign(l, { status: to, updated_at: at, updated_by: by });
    return true;
  }
  async publish(id: string, p: Publication) {
    const l = this.letters.find((x) => x.id === id && x.status === 'ter-beoordeling');
    if (!l) return false;
    Object.assign(l, {
      status: 'gepubliceerd',
      number: p.number,
      published_at: p.publishedAt,
      published_by: p.publishedBy,
      snapshot: p.snapshot,
      content_hash: p.contentHash,
    });
    return true;
  }
  async maxNumber(slug: string) {
    return Math.max(
      0,
      ...this.letters.filter((l) => l.focus_area_slug === slug).map((l) => l.number ?? 0),
    );
  }
  async listMoments(slug: string) {
    return this.moments
      .filter((m) => m.focus_area_slug === slug)
      .sort((a, b) => a.date.localeCompare(b.date));
  }
  async insertMoment(row: CouncilMoment) {
    this.moments.push({ ...row });
  }
  async dueMoments(from: string, until: string) {
    return this.moments.filter(
      (m) =>
        m.date >= from && m.date <= until && m.contact_email !== null && m.reminded_for !== m.date,
    );
  }
  async markReminded(id: string, date: string) {
    const m = this.moments.find((x) => x.id === id && x.date === date && x.reminded_for !== date);
    if (!m) return false;
    m.reminded_for = date;
    return true;
  }
}

export function fakeTransaction(
  store: CouncilLetterStore,
  audit: AuditEntry[],
): CouncilLetterTransaction {
  return (work) => work({ store, audit: { record: async (e) => void audit.push(e) } });
}

/** Sources whose figures a test can change between calls. */
export class FakeSources implements LetterSources {
  version = '1.1';
  inhabitants: string | null = '28.970';
  async dataVersion() {
    return this.version;
  }
  async monitor(): Promise<MonitorFigures | null> {
    if (this.inhabitants === null) return null;
    return {
      areaName: 'Dordt West',
      municipality: 'Dordrecht',
      version: 'versie 1',
      source: 'Bron: CBS.',
      sections: [
        {
          title: 'Wonen',
          indicators: [
            {
              key: 'aantal-inwoners',
              name: 'Inwoners',
              value: { text: this.inhabitants },
              period: '2024',
            },
            { key: 'woningvoorraad', name: 'Woningen', value: { text: '–' }, period: '2024' },
          ],
        },
      ],
      notLoaded: [{ indicators: [{ key: 'koopwoningen' }] }],
    };
  }
  async participation() {
    return { held: 1, planned: 0, inputsByTheme: [{ theme: 'Wonen', inputs: 4 }] };
  }
  async alliance() {
    return {
      seats: [
        { sector: 'Politie', organisation: 'Politie Zuid-Holland Zuid' },
        { sector: 'Woningcorporatie', organisation: null },
      ],
      decisions: [{ number: '2026-01', title: 'Programmabureau ingericht' }],
    };
  }
  async budget() {
    return {
      lines: 1,
      sources: 1,
      plannedCents: 50_000_000,
      committedCents: 0,
      spentCents: 12_345_67,
      ownPlannedCents: 0,
      ownSpentCents: 0,
      state: [
        {
          name: 'Bijdrage programmabureau',
          funder: 'Ministerie van BZK',
          annualCents: 50_000_000,
          fromYear: 2023,
        },
      ],
    };
  }
}
