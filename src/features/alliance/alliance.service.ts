import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import {
  ACTION_STATUS_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_SUBJECTS,
  AUDIT_ACTIONS,
  PARTY_LABELS,
  SEAT_KIND_LABELS,
  VISIBILITY_LABELS,
} from './alliance.labels.ts';
import type { AllianceStore, AllianceTransaction } from './alliance.repository.ts';
import type { FocusAreaRef } from './alliance.types.ts';
import type {
  ActionStatus,
  AgreementParty,
  AgreementStatus,
  AgreementSubject,
  AllianceAction,
  AllianceAgreement,
  AllianceDecision,
  AllianceMeeting,
  AllianceMembership,
  AllianceSeat,
  DecisionVisibility,
} from './alliance.table.ts';
import { amsterdamDate, amsterdamToUtc, isClockTime, isIsoDate } from './dates.ts';
import { buildCalendar, type CalendarEvent } from './ical.ts';
import { DORDT_WEST_AGREEMENTS, DORDT_WEST_SEATS, LETTER_SOURCE } from './alliance.seed-data.ts';

/** Field name → Dutch message naming the field. */
export type FieldErrors = Record<string, string>;
export type FormInput = Record<string, unknown>;
export type FormResult<T> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Who acts, and in which municipality the route is scoped (`/werkruimte/:gemeente/…`). */
export interface Actor {
  actor: string;
  municipalityCode: string;
}

export interface SeatView {
  seat: AllianceSeat;
  /** The member on the date asked for; null: "nog niet ingevuld". */
  member: AllianceMembership | null;
}

export interface Register {
  area: FocusAreaRef;
  date: string;
  /** Set when the date asked for was not a date; the register then shows today. */
  dateProblem?: string;
  seats: SeatView[];
  /** Every membership ever, with its seat's sector, oldest first. */
  history: (AllianceMembership & { sector: string })[];
}

export interface PublicSeat {
  sector: string;
  kind: AllianceSeat['kind'];
  note: string;
  organisation: string | null;
  /** Only when the representative agreed to be named. */
  representative: { name: string; function: string | null } | null;
  mandate: string | null;
  networks: string[];
}

export interface PublicComposition {
  area: FocusAreaRef;
  date: string;
  seats: PublicSeat[];
  decisions: AllianceDecision[];
  meetings: AllianceMeeting[];
}

export interface ActionView extends AllianceAction {
  owner: string;
  overdue: boolean;
  decisionNumber: string | null;
}

export interface MeetingDetail {
  area: FocusAreaRef;
  meeting: AllianceMeeting;
  agenda: string[];
  documents: MeetingDocument[];
  decisions: AllianceDecision[];
  actions: ActionView[];
  seats: SeatOption[];
}

export interface SeatOption {
  id: string;
  label: string;
}

export interface MeetingDocument {
  title: string;
  url: string;
}

const MAX_TEXT = 4000;

function text(form: FormInput, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function stringValues(form: FormInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

function checkLength(
  errors: FieldErrors,
  name: string,
  label: string,
  value: string,
  max = MAX_TEXT,
) {
  if (value.length > max && !errors[name])
    errors[name] = `${label}: gebruik hoogstens ${max} tekens (nu ${value.length}).`;
}

/** A member holds the seat on `date` when it started on or before it and had not ended. */
export function isMemberOn(m: AllianceMembership, date: string): boolean {
  return m.starts_on <= date && (m.ends_on === null || m.ends_on >= date);
}

/** "2026-01": the year and a two-digit sequence (three digits from the hundredth on). */
export function decisionNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(2, '0')}`;
}

/** A document link: an https/http address, or a path inside Wijkkompas. */
function parseDocumentLine(line: string): MeetingDocument | string {
  const parts = line.split('|').map((p) => p.trim());
  const url = parts.length > 1 ? parts[parts.length - 1]! : parts[0]!;
  const title = parts.length > 1 ? parts.slice(0, -1).join(' | ') : url;
  if (url.startsWith('/') && !url.startsWith('//')) return { title, url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) return 'is geen geldig webadres (begin met https:// of /)';
    throw error;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'begin het adres met https:// of http://';
  return { title, url: parsed.toString() };
}

/** The document lines of a form field; a bad line sets the field's error (the first one). */
function parseDocuments(value: string, errors: FieldErrors): MeetingDocument[] {
  const documents: MeetingDocument[] = [];
  lines(value).forEach((line, i) => {
    const doc = parseDocumentLine(line);
    if (typeof doc === 'string') {
      errors.documenten ??= `Documenten, regel ${i + 1}: "${line.slice(0, 80)}" ${doc}.`;
    } else documents.push(doc);
  });
  return documents;
}

/** The result of an edit form: like FormResult, or `conflict` when someone saved in between. */
export type EditResult<T> =
  | FormResult<T>
  | { ok: false; errors: FieldErrors; values: Record<string, string>; conflict: string };

interface CorrectionLabels {
  action: string;
  entity: string;
  /** "deze zetel": how the conflict message names the record. */
  name: string;
}

/** The records that have an edit form, with their audit labels. */
const CORRECTIONS = {
  seat: { action: AUDIT_ACTIONS.seatCorrected, entity: 'alliantiezetel', name: 'deze zetel' },
  decision: {
    action: AUDIT_ACTIONS.decisionCorrected,
    entity: 'alliantiebesluit',
    name: 'dit besluit',
  },
  action: { action: AUDIT_ACTIONS.actionCorrected, entity: 'alliantieactie', name: 'deze actie' },
  agreement: {
    action: AUDIT_ACTIONS.agreementCorrected,
    entity: 'samenwerkingsafspraak',
    name: 'deze afspraak',
  },
} satisfies Record<string, CorrectionLabels>;

type CorrectionKind = keyof typeof CORRECTIONS;

/** Someone else saved the record after this form was loaded: nothing is written. */
function stale<T>(what: CorrectionKind, form: FormInput): EditResult<T> {
  return {
    ok: false,
    errors: {},
    values: stringValues(form),
    conflict: `Iemand anders heeft ${CORRECTIONS[what].name} gewijzigd nadat u de pagina opende. Uw wijziging is niet bewaard. Hieronder ziet u wat nu is opgeslagen, met uw eigen tekst in het formulier. Sla opnieuw op als uw tekst de goede is.`,
  };
}

interface AgreementFields {
  subject: (typeof AGREEMENT_SUBJECTS)[number];
  party: AgreementParty;
  commitment: string;
  source: string;
  link: string;
  linkLabel: string;
}

/** The fields of an agreement, checked the same way when adding and when correcting. */
function parseAgreementForm(
  form: FormInput,
):
  | { ok: true; value: AgreementFields }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const errors: FieldErrors = {};
  const subject = AGREEMENT_SUBJECTS.find((s) => s.key === text(form, 'onderwerp'));
  if (!subject) errors.onderwerp = 'Onderwerp: kies een van de zes onderwerpen.';
  const party = text(form, 'partij');
  if (!Object.hasOwn(PARTY_LABELS, party))
    errors.partij = 'Wie: kies Rijk, gemeente, of Rijk en gemeente samen.';
  const commitment = text(form, 'afspraak');
  if (!commitment) errors.afspraak = 'Afspraak: schrijf op wat is afgesproken.';
  checkLength(errors, 'afspraak', 'Afspraak', commitment, 2000);
  const source = text(form, 'bron');
  if (!source)
    errors.bron = 'Bron: noem waar de afspraak staat, bijvoorbeeld een brief of besluit.';
  checkLength(errors, 'bron', 'Bron', source, 300);
  const link = text(form, 'link');
  if (link && (!link.startsWith('/') || link.startsWith('//') || /\s/.test(link)))
    errors.link = 'Link in Wijkkompas: begin met /, bijvoorbeeld /gebieden/dordt-west.';
  checkLength(errors, 'link', 'Link in Wijkkompas', link, 300);
  const linkLabel = text(form, 'link_tekst');
  checkLength(errors, 'link_tekst', 'Tekst van de link', linkLabel, 200);
  if (Object.keys(errors).length > 0 || !subject)
    return { ok: false, errors, values: stringValues(form) };
  return {
    ok: true,
    value: { subject, party: party as AgreementParty, commitment, source, link, linkLabel },
  };
}

/**
 * The Alliance of a focus area: its register (seats, members and their history), meetings with
 * numbered decisions and actions, and the agreements with the state (issue 15, ADR 0026). Every
 * change is one transaction together with its audit entry. Confidential decisions leave this
 * service only through the workspace methods, never through `publicComposition` or the feed.
 */
export class AllianceService {
  constructor(
    /** Reads outside a change. */
    private readonly store: AllianceStore,
    /** Every change: the store and the audit writer bound to one transaction. */
    private readonly transaction: AllianceTransaction,
    private readonly now: () => Date = () => new Date(),
  ) {}

  today(): string {
    return amsterdamDate(this.now());
  }

  /** The focus area, if it exists and (for workspace calls) lies in the route's municipality. */
  private async area(slug: string, municipalityCode?: string): Promise<FocusAreaRef> {
    const area = await this.store.findFocusArea(slug);
    if (!area || (municipalityCode !== undefined && area.municipalityCode !== municipalityCode))
      throw new NotFoundError(`Focusgebied "${slug}" bestaat niet in deze gemeente.`);
    return area;
  }

  async register(slug: string, municipalityCode: string, date?: string): Promise<Register> {
    const area = await this.area(slug, municipalityCode);
    const valid = date !== undefined && date !== '' && isIsoDate(date);
    const on = valid ? date : this.today();
    const seats = await this.store.listSeats(slug);
    const memberships = await this.store.listMemberships(slug);
    const sector = new Map(seats.map((s) => [s.id, s.sector]));
    return {
      area,
      date: on,
      seats: seats.map((seat) => ({
        seat,
        member:
          memberships.filter((m) => m.seat_id === seat.id && isMemberOn(m, on)).at(-1) ?? null,
      })),
      history: memberships.map((m) => ({ ...m, sector: sector.get(m.seat_id) ?? '' })),
      ...(date && !valid
        ? {
            dateProblem: `Wie was lid op: "${date.slice(0, 20)}" is geen datum; schrijf jjjj-mm-dd. U ziet de leden van vandaag.`,
          }
        : {}),
    };
  }

  /** Who was a member on `date`: the memberships active that day, by seat order. */
  async membersOn(slug: string, municipalityCode: string, date: string) {
    const reg = await this.register(slug, municipalityCode, date);
    return reg.seats.filter((s) => s.member !== null);
  }

  /** The public page: today's composition, representatives only with consent, public decisions. */
  async publicComposition(slug: string): Promise<PublicComposition> {
    const area = await this.area(slug);
    const today = this.today();
    const seats = await this.store.listSeats(slug);
    const memberships = await this.store.listMemberships(slug);
    const publicSeats = seats.map((seat): PublicSeat => {
      const m = memberships.filter((x) => x.seat_id === seat.id && isMemberOn(x, today)).at(-1);
      return {
        sector: seat.sector,
        kind: seat.kind,
        note: seat.note,
        organisation: m?.organisation ?? null,
        representative:
          m && m.representative_public === 1 && m.representative_name
            ? { name: m.representative_name, function: m.representative_function }
            : null,
        mandate: m ? m.mandate || null : null,
        networks: m ? lines(m.networks) : [],
      };
    });
    return {
      area,
      date: today,
      seats: publicSeats,
      decisions: await this.publicDecisions(slug),
      meetings: await this.store.listMeetings(slug),
    };
  }

  private async publicDecisions(slug: string): Promise<AllianceDecision[]> {
    return (await this.store.listDecisions(slug)).filter((d) => d.visibility === 'openbaar');
  }

  async seatOptions(slug: string): Promise<SeatOption[]> {
    const seats = await this.store.listSeats(slug);
    const members = await this.store.listMemberships(slug);
    const today = this.today();
    return seats
      .filter((s) => s.kind !== 'bewoners' || members.some((m) => m.seat_id === s.id))
      .map((s) => {
        const m = members.filter((x) => x.seat_id === s.id && isMemberOn(x, today)).at(-1);
        return { id: s.id, label: m ? `${m.organisation} (${s.sector})` : s.sector };
      });
  }

  async addSeat(who: Actor, slug: string, form: FormInput): Promise<FormResult<AllianceSeat>> {
    const area = await this.area(slug, who.municipalityCode);
    const sector = text(form, 'sector');
    const kind = text(form, 'soort');
    const errors: FieldErrors = {};
    if (!sector) errors.sector = 'Sector: vul in welke sector deze zetel heeft.';
    checkLength(errors, 'sector', 'Sector', sector, 200);
    if (kind !== 'partner' && kind !== 'bewoners')
      errors.soort = 'Soort zetel: kies partner of bewonerszetel.';
    const seats = await this.store.listSeats(slug);
    if (sector && seats.some((s) => s.sector.toLowerCase() === sector.toLowerCase()))
      errors.sector = `Sector: de zetel "${sector}" bestaat al.`;
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const row: AllianceSeat = {
      id: randomUUID(),
      focus_area_slug: slug,
      municipality_code: area.municipalityCode,
      position: Math.max(0, ...seats.map((s) => s.position)) + 1,
      kind: kind as AllianceSeat['kind'],
      sector,
      note: text(form, 'toelichting'),
      created_at: this.now().toISOString(),
      updated_at: this.now().toISOString(),
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertSeat(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.seatAdded,
        entity: 'alliantiezetel',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, sector, soort: kind },
      });
    });
    return { ok: true, value: row };
  }

  async addMembership(
    who: Actor,
    slug: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMembership>> {
    const area = await this.area(slug, who.municipalityCode);
    const seats = await this.store.listSeats(slug);
    const errors: FieldErrors = {};
    const seatId = text(form, 'zetel');
    const seat = seats.find((s) => s.id === seatId);
    if (!seat) errors.zetel = 'Zetel: kies de zetel van dit lid.';
    const organisation = text(form, 'organisatie');
    if (!organisation) errors.organisatie = 'Organisatie: vul de naam van de organisatie in.';
    checkLength(errors, 'organisatie', 'Organisatie', organisation, 200);
    const name = text(form, 'vertegenwoordiger');
    const fn = text(form, 'functie');
    checkLength(errors, 'vertegenwoordiger', 'Naam vertegenwoordiger', name, 200);
    checkLength(errors, 'functie', 'Functie', fn, 200);
    const consent = text(form, 'naam_openbaar') === 'ja';
    if (consent && !name)
      errors.vertegenwoordiger =
        'Naam vertegenwoordiger: vul een naam in, of zet het vinkje voor openbaar uit.';
    const mandate = text(form, 'mandaat');
    checkLength(errors, 'mandaat', 'Mandaat', mandate);
    const networks = text(form, 'gremia');
    checkLength(errors, 'gremia', 'Netwerken en gremia', networks);
    const startsOn = text(form, 'vanaf');
    if (!isIsoDate(startsOn))
      errors.vanaf = 'Lid vanaf: vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-01-15.';
    if (seat && isIsoDate(startsOn)) {
      const current = (await this.store.listMemberships(slug)).filter(
        (m) => m.seat_id === seat.id && (m.ends_on === null || m.ends_on >= startsOn),
      );
      if (current.length > 0)
        errors.zetel = `Zetel: "${seat.sector}" heeft op ${startsOn} al een lid (${current[0]!.organisation}). Beëindig eerst dat lidmaatschap.`;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    const row: AllianceMembership = {
      id: randomUUID(),
      seat_id: seat!.id,
      focus_area_slug: slug,
      organisation,
      representative_name: name || null,
      representative_function: fn || null,
      representative_public: consent ? 1 : 0,
      mandate,
      networks: lines(networks).join('\n'),
      starts_on: startsOn,
      ends_on: null,
      created_at: at,
      updated_at: at,
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertMembership(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.memberAdded,
        entity: 'alliantielid',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: {
          focusgebied: slug,
          zetel: seat!.sector,
          organisatie: organisation,
          vertegenwoordiger: name || null,
          functie: fn || null,
          naamOpenbaar: consent,
          vanaf: startsOn,
        },
      });
    });
    return { ok: true, value: row };
  }

  async endMembership(
    who: Actor,
    slug: string,
    membershipId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMembership>> {
    const area = await this.area(slug, who.municipalityCode);
    const m = await this.store.findMembership(membershipId);
    if (!m || m.focus_area_slug !== slug) throw new NotFoundError('Dit lidmaatschap bestaat niet.');
    const endsOn = text(form, 'tot');
    const errors: FieldErrors = {};
    if (!isIsoDate(endsOn)) errors.tot = 'Lid tot en met: vul een datum in als jjjj-mm-dd.';
    else if (endsOn < m.starts_on)
      errors.tot = `Lid tot en met: de datum ligt vóór het begin (${m.starts_on}).`;
    if (m.ends_on !== null)
      errors.tot = `Lid tot en met: dit lidmaatschap is al beëindigd op ${m.ends_on}.`;
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      await store.endMembership(m.id, endsOn, at);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.memberEnded,
        entity: 'alliantielid',
        entityId: m.id,
        municipalityCode: area.municipalityCode,
        before: { organisatie: m.organisation, tot: null },
        after: { organisatie: m.organisation, tot: endsOn },
      });
    });
    return { ok: true, value: { ...m, ends_on: endsOn, updated_at: at } };
  }

  /** One membership with its seat, for its own page and edit form. */
  async membership(slug: string, municipalityCode: string, membershipId: string) {
    const area = await this.area(slug, municipalityCode);
    const m = await this.store.findMembership(membershipId);
    if (!m || m.focus_area_slug !== slug) throw new NotFoundError('Dit lidmaatschap bestaat niet.');
    const seat = (await this.store.listSeats(slug)).find((s) => s.id === m.seat_id);
    return { area, membership: m, sector: seat?.sector ?? '' };
  }

  /**
   * Corrects a membership's details: a typo in the organisation or the representative, the
   * mandate, the networks, the start date. The membership keeps its seat and its place in the
   * history; another organisation on the seat is a new membership (end this one first). The
   * start date may not overlap another membership of the same seat. The audit entry keeps every
   * changed field before and after.
   */
  async updateMembership(
    who: Actor,
    slug: string,
    membershipId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMembership>> {
    const area = await this.area(slug, who.municipalityCode);
    const m = await this.store.findMembership(membershipId);
    if (!m || m.focus_area_slug !== slug) throw new NotFoundError('Dit lidmaatschap bestaat niet.');
    const errors: FieldErrors = {};
    const organisation = text(form, 'organisatie');
    if (!organisation) errors.organisatie = 'Organisatie: vul de naam van de organisatie in.';
    checkLength(errors, 'organisatie', 'Organisatie', organisation, 200);
    const name = text(form, 'vertegenwoordiger');
    const fn = text(form, 'functie');
    checkLength(errors, 'vertegenwoordiger', 'Naam vertegenwoordiger', name, 200);
    checkLength(errors, 'functie', 'Functie', fn, 200);
    const consent = text(form, 'naam_openbaar') === 'ja';
    if (consent && !name)
      errors.vertegenwoordiger =
        'Naam vertegenwoordiger: vul een naam in, of zet het vinkje voor openbaar uit.';
    const mandate = text(form, 'mandaat');
    checkLength(errors, 'mandaat', 'Mandaat', mandate);
    const networks = lines(text(form, 'gremia')).join('\n');
    checkLength(errors, 'gremia', 'Netwerken en gremia', networks);
    const startsOn = text(form, 'vanaf');
    if (!isIsoDate(startsOn))
      errors.vanaf = 'Lid vanaf: vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-01-15.';
    else if (m.ends_on !== null && startsOn > m.ends_on)
      errors.vanaf = `Lid vanaf: de datum ligt na het einde van het lidmaatschap (${m.ends_on}).`;
    else {
      const end = m.ends_on ?? '9999-12-31';
      const other = (await this.store.listMemberships(slug)).find(
        (x) =>
          x.id !== m.id &&
          x.seat_id === m.seat_id &&
          x.starts_on <= end &&
          (x.ends_on === null || x.ends_on >= startsOn),
      );
      if (other)
        errors.vanaf = `Lid vanaf: op ${startsOn} had deze zetel nog een ander lid (${other.organisation}, tot en met ${other.ends_on ?? 'nu'}).`;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    const next: AllianceMembership = {
      ...m,
      organisation,
      representative_name: name || null,
      representative_function: fn || null,
      representative_public: consent ? 1 : 0,
      mandate,
      networks,
      starts_on: startsOn,
      updated_at: at,
    };
    const labels: Partial<Record<keyof AllianceMembership, string>> = {
      organisation: 'organisatie',
      representative_name: 'vertegenwoordiger',
      representative_function: 'functie',
      representative_public: 'naamOpenbaar',
      mandate: 'mandaat',
      networks: 'gremia',
      starts_on: 'vanaf',
    };
    const changed = (Object.keys(labels) as (keyof AllianceMembership)[]).filter(
      (k) => next[k] !== m[k],
    );
    if (changed.length === 0) return { ok: true, value: m };
    const show = (row: AllianceMembership, k: keyof AllianceMembership) =>
      k === 'representative_public' ? row[k] === 1 : row[k];
    await this.transaction(async ({ store, audit }) => {
      await store.updateMembership(next);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.memberCorrected,
        entity: 'alliantielid',
        entityId: m.id,
        municipalityCode: area.municipalityCode,
        before: Object.fromEntries(changed.map((k) => [labels[k]!, show(m, k)])),
        after: Object.fromEntries(changed.map((k) => [labels[k]!, show(next, k)])),
      });
    });
    return { ok: true, value: next };
  }

  /**
   * Records that a representative agreed to be named publicly, or withdrew that consent; the
   * public page follows at once.
   */
  async setRepresentativeConsent(
    who: Actor,
    slug: string,
    membershipId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMembership>> {
    const area = await this.area(slug, who.municipalityCode);
    const m = await this.store.findMembership(membershipId);
    if (!m || m.focus_area_slug !== slug) throw new NotFoundError('Dit lidmaatschap bestaat niet.');
    const choice = text(form, 'naam_openbaar');
    const errors: FieldErrors = {};
    if (choice !== 'ja' && choice !== 'nee')
      errors.naam_openbaar = 'Naam openbaar: kies ja of nee.';
    else if (choice === 'ja' && !m.representative_name)
      errors.naam_openbaar =
        'Naam openbaar: van dit lid is geen naam van een vertegenwoordiger bekend.';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const value = choice === 'ja' ? 1 : 0;
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      await store.setRepresentativePublic(m.id, value, at);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.consentChanged,
        entity: 'alliantielid',
        entityId: m.id,
        municipalityCode: area.municipalityCode,
        before: { organisatie: m.organisation, naamOpenbaar: m.representative_public === 1 },
        after: { organisatie: m.organisation, naamOpenbaar: value === 1 },
      });
    });
    return { ok: true, value: { ...m, representative_public: value, updated_at: at } };
  }

  async meetings(slug: string, municipalityCode: string) {
    const area = await this.area(slug, municipalityCode);
    return { area, meetings: await this.store.listMeetings(slug) };
  }

  async planMeeting(
    who: Actor,
    slug: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMeeting>> {
    const area = await this.area(slug, who.municipalityCode);
    const errors: FieldErrors = {};
    const title = text(form, 'titel') || `Vergadering Alliantie ${area.name}`;
    checkLength(errors, 'titel', 'Titel', title, 200);
    const date = text(form, 'datum');
    const start = text(form, 'begintijd');
    const end = text(form, 'eindtijd');
    if (!isIsoDate(date))
      errors.datum = 'Datum: vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-03-12.';
    if (!isClockTime(start))
      errors.begintijd = 'Begintijd: vul een tijd in als uu:mm, bijvoorbeeld 19:30.';
    if (!isClockTime(end))
      errors.eindtijd = 'Eindtijd: vul een tijd in als uu:mm, bijvoorbeeld 21:00.';
    else if (isClockTime(start) && end <= start)
      errors.eindtijd = 'Eindtijd: de vergadering moet na de begintijd eindigen.';
    const place = text(form, 'plaats');
    if (!place) errors.plaats = 'Plaats: vul in waar de Alliantie vergadert.';
    checkLength(errors, 'plaats', 'Plaats', place, 300);
    const agenda = lines(text(form, 'agenda'));
    if (agenda.length === 0) errors.agenda = 'Agenda: zet minstens één agendapunt, één per regel.';
    checkLength(errors, 'agenda', 'Agenda', text(form, 'agenda'));
    const documents = parseDocuments(text(form, 'documenten'), errors);
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    const row: AllianceMeeting = {
      id: randomUUID(),
      focus_area_slug: slug,
      municipality_code: area.municipalityCode,
      title,
      starts_at: amsterdamToUtc(date, start),
      ends_at: amsterdamToUtc(date, end),
      place,
      agenda: JSON.stringify(agenda),
      documents: JSON.stringify(documents),
      created_at: at,
      updated_at: at,
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertMeeting(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.meetingPlanned,
        entity: 'alliantievergadering',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, titel: title, begin: row.starts_at, plaats: place, agenda },
      });
    });
    return { ok: true, value: row };
  }

  /**
   * Corrects a meeting: title, date and times, place, agenda (a moved meeting, a typo). The feed
   * carries the change with the meeting's new update time. Once decisions are recorded, their
   * number and date follow the meeting, so its date no longer changes.
   */
  async updateMeeting(
    who: Actor,
    slug: string,
    meetingId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMeeting>> {
    const area = await this.area(slug, who.municipalityCode);
    const meeting = await this.store.findMeeting(meetingId);
    if (!meeting || meeting.focus_area_slug !== slug)
      throw new NotFoundError('Deze vergadering bestaat niet.');
    const errors: FieldErrors = {};
    const title = text(form, 'titel');
    if (!title) errors.titel = 'Titel: vul een titel in.';
    checkLength(errors, 'titel', 'Titel', title, 200);
    const date = text(form, 'datum');
    const start = text(form, 'begintijd');
    const end = text(form, 'eindtijd');
    if (!isIsoDate(date))
      errors.datum = 'Datum: vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-03-12.';
    if (!isClockTime(start))
      errors.begintijd = 'Begintijd: vul een tijd in als uu:mm, bijvoorbeeld 19:30.';
    if (!isClockTime(end))
      errors.eindtijd = 'Eindtijd: vul een tijd in als uu:mm, bijvoorbeeld 21:00.';
    else if (isClockTime(start) && end <= start)
      errors.eindtijd = 'Eindtijd: de vergadering moet na de begintijd eindigen.';
    const place = text(form, 'plaats');
    if (!place) errors.plaats = 'Plaats: vul in waar de Alliantie vergadert.';
    checkLength(errors, 'plaats', 'Plaats', place, 300);
    const agenda = lines(text(form, 'agenda'));
    if (agenda.length === 0) errors.agenda = 'Agenda: zet minstens één agendapunt, één per regel.';
    checkLength(errors, 'agenda', 'Agenda', text(form, 'agenda'));
    if (isIsoDate(date) && date !== amsterdamDate(meeting.starts_at)) {
      const decided = (await this.store.listDecisions(slug)).filter(
        (d) => d.meeting_id === meeting.id,
      );
      if (decided.length > 0)
        errors.datum = `Datum: deze vergadering heeft al besluiten (${decided.map((d) => d.number).join(', ')}) met de datum ${amsterdamDate(meeting.starts_at)}; de datum blijft daarom zo.`;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const next: AllianceMeeting = {
      ...meeting,
      title,
      starts_at: amsterdamToUtc(date, start),
      ends_at: amsterdamToUtc(date, end),
      place,
      agenda: JSON.stringify(agenda),
      updated_at: this.now().toISOString(),
    };
    const fields = {
      title: 'titel',
      starts_at: 'begin',
      ends_at: 'einde',
      place: 'plaats',
    } as const;
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
      (k) => next[k] !== meeting[k],
    );
    const agendaChanged = next.agenda !== meeting.agenda;
    if (changed.length === 0 && !agendaChanged) return { ok: true, value: meeting };
    await this.transaction(async ({ store, audit }) => {
      await store.updateMeeting(next);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.meetingChanged,
        entity: 'alliantievergadering',
        entityId: meeting.id,
        municipalityCode: area.municipalityCode,
        before: {
          ...Object.fromEntries(changed.map((k) => [fields[k], meeting[k]])),
          ...(agendaChanged ? { agenda: JSON.parse(meeting.agenda) as string[] } : {}),
        },
        after: {
          ...Object.fromEntries(changed.map((k) => [fields[k], next[k]])),
          ...(agendaChanged ? { agenda } : {}),
        },
      });
    });
    return { ok: true, value: next };
  }

  async meeting(slug: string, municipalityCode: string, meetingId: string): Promise<MeetingDetail> {
    const area = await this.area(slug, municipalityCode);
    const meeting = await this.store.findMeeting(meetingId);
    if (!meeting || meeting.focus_area_slug !== slug)
      throw new NotFoundError('Deze vergadering bestaat niet.');
    const decisions = (await this.store.listDecisions(slug)).filter(
      (d) => d.meeting_id === meeting.id,
    );
    const actions = (await this.actionViews(slug)).filter((a) => a.meeting_id === meeting.id);
    return {
      area,
      meeting,
      agenda: JSON.parse(meeting.agenda) as string[],
      documents: JSON.parse(meeting.documents) as MeetingDocument[],
      decisions,
      actions,
      seats: await this.seatOptions(slug),
    };
  }

  /** Adds document links to a meeting, e.g. the minutes once they are there. */
  async addDocuments(
    who: Actor,
    slug: string,
    meetingId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceMeeting>> {
    const area = await this.area(slug, who.municipalityCode);
    const meeting = await this.store.findMeeting(meetingId);
    if (!meeting || meeting.focus_area_slug !== slug)
      throw new NotFoundError('Deze vergadering bestaat niet.');
    const errors: FieldErrors = {};
    const added = parseDocuments(text(form, 'documenten'), errors);
    if (added.length === 0 && !errors.documenten)
      errors.documenten = 'Documenten: zet minstens één link, één per regel: titel | adres.';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const documents = [...(JSON.parse(meeting.documents) as MeetingDocument[]), ...added];
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      await store.setMeetingDocuments(meeting.id, JSON.stringify(documents), at);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.documentsAdded,
        entity: 'alliantievergadering',
        entityId: meeting.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, documenten: added },
      });
    });
    return {
      ok: true,
      value: { ...meeting, documents: JSON.stringify(documents), updated_at: at },
    };
  }

  async recordDecision(
    who: Actor,
    slug: string,
    meetingId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceDecision>> {
    const area = await this.area(slug, who.municipalityCode);
    const meeting = await this.store.findMeeting(meetingId);
    if (!meeting || meeting.focus_area_slug !== slug)
      throw new NotFoundError('Deze vergadering bestaat niet.');
    const errors: FieldErrors = {};
    const title = text(form, 'besluit_titel');
    if (!title) errors.besluit_titel = 'Besluit: vul in wat de Alliantie besloot, in één zin.';
    checkLength(errors, 'besluit_titel', 'Besluit', title, 300);
    const body = text(form, 'besluit_tekst');
    checkLength(errors, 'besluit_tekst', 'Toelichting', body);
    const visibility = text(form, 'openbaarheid');
    if (visibility !== 'openbaar' && visibility !== 'vertrouwelijk')
      errors.openbaarheid = 'Openbaarheid: kies openbaar of vertrouwelijk.';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const decidedOn = amsterdamDate(meeting.starts_at);
    const year = Number(decidedOn.slice(0, 4));
    const row = await this.transaction(async ({ store, audit }) => {
      const sequence = (await store.maxDecisionSequence(slug, year)) + 1;
      const decision: AllianceDecision = {
        id: randomUUID(),
        focus_area_slug: slug,
        meeting_id: meeting.id,
        year,
        sequence,
        number: decisionNumber(year, sequence),
        decided_on: decidedOn,
        visibility: visibility as DecisionVisibility,
        title,
        text: body,
        created_at: this.now().toISOString(),
        updated_at: this.now().toISOString(),
        corrected_at: null,
      };
      await store.insertDecision(decision);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.decisionRecorded,
        entity: 'alliantiebesluit',
        entityId: decision.id,
        municipalityCode: area.municipalityCode,
        // The audit log is read by administrators only; it keeps what was decided.
        after: {
          focusgebied: slug,
          nummer: decision.number,
          openbaarheid: VISIBILITY_LABELS[decision.visibility],
          besluit: title,
        },
      });
      return decision;
    });
    return { ok: true, value: row };
  }

  async decisions(slug: string, municipalityCode: string) {
    const area = await this.area(slug, municipalityCode);
    return { area, decisions: await this.store.listDecisions(slug) };
  }

  private async actionViews(slug: string): Promise<ActionView[]> {
    const today = this.today();
    const options = new Map((await this.seatOptions(slug)).map((o) => [o.id, o.label]));
    const seats = new Map((await this.store.listSeats(slug)).map((s) => [s.id, s.sector]));
    const numbers = new Map((await this.store.listDecisions(slug)).map((d) => [d.id, d.number]));
    return (await this.store.listActions(slug)).map((a) => ({
      ...a,
      owner: options.get(a.owner_seat_id) ?? seats.get(a.owner_seat_id) ?? '',
      overdue: a.status !== 'afgerond' && a.due_on < today,
      decisionNumber: a.decision_id ? (numbers.get(a.decision_id) ?? null) : null,
    }));
  }

  /** All actions, and those past their due date that are not done, oldest due date first. */
  async actions(slug: string, municipalityCode: string) {
    const area = await this.area(slug, municipalityCode);
    const all = await this.actionViews(slug);
    return { area, today: this.today(), actions: all, overdue: all.filter((a) => a.overdue) };
  }

  async addAction(
    who: Actor,
    slug: string,
    meetingId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceAction>> {
    const area = await this.area(slug, who.municipalityCode);
    const meeting = await this.store.findMeeting(meetingId);
    if (!meeting || meeting.focus_area_slug !== slug)
      throw new NotFoundError('Deze vergadering bestaat niet.');
    const errors: FieldErrors = {};
    const description = text(form, 'actie');
    if (!description) errors.actie = 'Actie: vul in wat er moet gebeuren.';
    checkLength(errors, 'actie', 'Actie', description, 1000);
    const ownerId = text(form, 'eigenaar');
    const seats = await this.store.listSeats(slug);
    const owner = seats.find((s) => s.id === ownerId);
    if (!owner) errors.eigenaar = 'Eigenaar: kies de organisatie uit de Alliantie die dit doet.';
    const due = text(form, 'deadline');
    if (!isIsoDate(due)) errors.deadline = 'Deadline: vul een datum in als jjjj-mm-dd.';
    const decisionId = text(form, 'besluit');
    if (decisionId) {
      const d = (await this.store.listDecisions(slug)).find((x) => x.id === decisionId);
      if (!d || d.meeting_id !== meeting.id)
        errors.besluit = 'Hoort bij besluit: kies een besluit van deze vergadering.';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    const row: AllianceAction = {
      id: randomUUID(),
      focus_area_slug: slug,
      meeting_id: meeting.id,
      decision_id: decisionId || null,
      description,
      owner_seat_id: owner!.id,
      due_on: due,
      status: 'open',
      created_at: at,
      updated_at: at,
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertAction(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.actionAdded,
        entity: 'alliantieactie',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, actie: description, eigenaar: owner!.sector, deadline: due },
      });
    });
    return { ok: true, value: row };
  }

  async setActionStatus(
    who: Actor,
    slug: string,
    actionId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceAction>> {
    const area = await this.area(slug, who.municipalityCode);
    const action = await this.store.findAction(actionId);
    if (!action || action.focus_area_slug !== slug)
      throw new NotFoundError('Deze actie bestaat niet.');
    const status = text(form, 'status');
    if (!Object.hasOwn(ACTION_STATUS_LABELS, status))
      return {
        ok: false,
        errors: { status: 'Status: kies open, bezig of afgerond.' },
        values: stringValues(form),
      };
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      await store.setActionStatus(action.id, status as ActionStatus, at);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.actionStatusChanged,
        entity: 'alliantieactie',
        entityId: action.id,
        municipalityCode: area.municipalityCode,
        before: { status: ACTION_STATUS_LABELS[action.status] },
        after: { status: ACTION_STATUS_LABELS[status as ActionStatus] },
      });
    });
    return { ok: true, value: { ...action, status: status as ActionStatus, updated_at: at } };
  }

  async agreements(slug: string, municipalityCode: string) {
    const area = await this.area(slug, municipalityCode);
    const rows = await this.store.listAgreements(slug);
    return {
      area,
      subjects: AGREEMENT_SUBJECTS.map((s) => ({
        ...s,
        agreements: rows.filter((r) => r.subject === s.key),
      })),
    };
  }

  /** A further commitment, e.g. from a later agreement with the state. */
  async addAgreement(
    who: Actor,
    slug: string,
    form: FormInput,
  ): Promise<FormResult<AllianceAgreement>> {
    const area = await this.area(slug, who.municipalityCode);
    const parsed = parseAgreementForm(form);
    if (!parsed.ok) return parsed;
    const { subject, party, commitment, source, link, linkLabel } = parsed.value;
    const at = this.now().toISOString();
    const row = await this.transaction(async ({ store, audit }) => {
      const same = (await store.listAgreements(slug)).filter((a) => a.subject === subject.key);
      const agreement: AllianceAgreement = {
        id: randomUUID(),
        focus_area_slug: slug,
        subject: subject.key,
        position: Math.max(0, ...same.map((a) => a.position)) + 1,
        party,
        commitment,
        source,
        status: 'afgesproken',
        evidence: '',
        link_path: link || null,
        link_label: link ? linkLabel || null : null,
        created_at: at,
        updated_at: at,
        corrected_at: null,
      };
      await store.insertAgreement(agreement);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.agreementAdded,
        entity: 'samenwerkingsafspraak',
        entityId: agreement.id,
        municipalityCode: area.municipalityCode,
        after: {
          focusgebied: slug,
          onderwerp: subject.label,
          wie: PARTY_LABELS[agreement.party],
          afspraak: commitment,
          bron: source,
        },
      });
      return agreement;
    });
    return { ok: true, value: row };
  }

  async updateAgreement(
    who: Actor,
    slug: string,
    agreementId: string,
    form: FormInput,
  ): Promise<FormResult<AllianceAgreement>> {
    const area = await this.area(slug, who.municipalityCode);
    const row = await this.store.findAgreement(agreementId);
    if (!row || row.focus_area_slug !== slug)
      throw new NotFoundError('Deze afspraak bestaat niet.');
    const errors: FieldErrors = {};
    const status = text(form, 'status');
    if (!Object.hasOwn(AGREEMENT_STATUS_LABELS, status))
      errors.status = 'Status: kies afgesproken, in uitvoering, gerealiseerd of vervallen.';
    const evidence = text(form, 'onderbouwing');
    checkLength(errors, 'onderbouwing', 'Onderbouwing', evidence);
    if ((status === 'gerealiseerd' || status === 'vervallen') && !evidence)
      errors.onderbouwing = `Onderbouwing: schrijf op waaruit blijkt dat de afspraak ${AGREEMENT_STATUS_LABELS[status as AgreementStatus].toLowerCase()} is.`;
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      await store.updateAgreement(row.id, {
        status: status as AgreementStatus,
        evidence,
        updatedAt: at,
      });
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.agreementUpdated,
        entity: 'samenwerkingsafspraak',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        before: { status: AGREEMENT_STATUS_LABELS[row.status], onderbouwing: row.evidence },
        after: {
          status: AGREEMENT_STATUS_LABELS[status as AgreementStatus],
          onderbouwing: evidence,
        },
      });
    });
    return {
      ok: true,
      value: { ...row, status: status as AgreementStatus, evidence, updated_at: at },
    };
  }

  // Corrections (a seat's sector, a decision's text, an action's details, an agreement's text).
  // Each edit form carries the record's `updated_at` as loaded ("geladen"); a save writes only
  // when the stored record still has it, so the second of two saves at once is refused (409)
  // instead of silently overwriting the first. Nothing changed: nothing written, no audit entry.

  private async findSeat(slug: string, seatId: string): Promise<AllianceSeat> {
    const seat = (await this.store.listSeats(slug)).find((s) => s.id === seatId);
    if (!seat) throw new NotFoundError('Deze zetel bestaat niet.');
    return seat;
  }

  private async findDecision(slug: string, decisionId: string): Promise<AllianceDecision> {
    const decision = (await this.store.listDecisions(slug)).find((d) => d.id === decisionId);
    if (!decision) throw new NotFoundError('Dit besluit bestaat niet.');
    return decision;
  }

  private async findActionIn(slug: string, actionId: string): Promise<AllianceAction> {
    const action = await this.store.findAction(actionId);
    if (!action || action.focus_area_slug !== slug)
      throw new NotFoundError('Deze actie bestaat niet.');
    return action;
  }

  private async findAgreementIn(slug: string, agreementId: string): Promise<AllianceAgreement> {
    const row = await this.store.findAgreement(agreementId);
    if (!row || row.focus_area_slug !== slug)
      throw new NotFoundError('Deze afspraak bestaat niet.');
    return row;
  }

  /** Writes a correction and its audit entry (only the changed fields, before and after). */
  private async saveCorrection<T extends { id: string; updated_at: string }, K extends keyof T>(
    who: Actor,
    area: FocusAreaRef,
    what: CorrectionKind,
    before: T,
    next: T,
    fields: Record<K, string>,
    show: (row: T, key: K) => unknown,
    write: (store: AllianceStore) => Promise<boolean>,
    form: FormInput,
  ): Promise<EditResult<T>> {
    const changed = (Object.keys(fields) as K[]).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return { ok: true, value: before };
    // The labels are the literals in CORRECTIONS (the audit label test reads them there).
    const { action, entity } = CORRECTIONS[what];
    // Taken before the write, so the entry holds the old text whatever the store does.
    const old = Object.fromEntries(changed.map((k) => [fields[k], show(before, k)]));
    const now = Object.fromEntries(changed.map((k) => [fields[k], show(next, k)]));
    const saved = await this.transaction(async ({ store, audit }) => {
      if (!(await write(store))) return false;
      await audit.record({
        actor: who.actor,
        action,
        entity,
        entityId: before.id,
        municipalityCode: area.municipalityCode,
        before: old,
        after: now,
      });
      return true;
    });
    return saved ? { ok: true, value: next } : stale(what, form);
  }

  /** One seat, for its edit form. */
  async seatForEdit(slug: string, municipalityCode: string, seatId: string) {
    const area = await this.area(slug, municipalityCode);
    return { area, seat: await this.findSeat(slug, seatId) };
  }

  /**
   * Corrects a seat: its sector (unique in the area), its note and, for a partner or resident
   * seat, its kind. The chair's seat stays the chair's; members and history stay with the seat.
   */
  async updateSeat(
    who: Actor,
    slug: string,
    seatId: string,
    form: FormInput,
  ): Promise<EditResult<AllianceSeat>> {
    const area = await this.area(slug, who.municipalityCode);
    const seat = await this.findSeat(slug, seatId);
    if (text(form, 'geladen') !== seat.updated_at) return stale('seat', form);
    const sector = text(form, 'sector');
    const note = text(form, 'toelichting');
    const errors: FieldErrors = {};
    if (!sector) errors.sector = 'Sector: vul in welke sector deze zetel heeft.';
    checkLength(errors, 'sector', 'Sector', sector, 200);
    const seats = await this.store.listSeats(slug);
    if (
      sector &&
      seats.some((s) => s.id !== seat.id && s.sector.toLowerCase() === sector.toLowerCase())
    )
      errors.sector = `Sector: de zetel "${sector}" bestaat al.`;
    let kind = seat.kind;
    if (seat.kind !== 'voorzitter') {
      const chosen = text(form, 'soort');
      if (chosen !== 'partner' && chosen !== 'bewoners')
        errors.soort = 'Soort zetel: kies partner of bewonerszetel.';
      else kind = chosen;
    }
    checkLength(errors, 'toelichting', 'Toelichting', note);
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const next: AllianceSeat = {
      ...seat,
      sector,
      note,
      kind,
      updated_at: this.now().toISOString(),
    };
    return this.saveCorrection(
      who,
      area,
      'seat',
      seat,
      next,
      { sector: 'sector', note: 'toelichting', kind: 'soort' },
      (row, k) => (k === 'kind' ? SEAT_KIND_LABELS[row.kind] : row[k]),
      (store) => store.updateSeat(next, seat.updated_at),
      form,
    );
  }

  /** One decision, for its edit form. */
  async decisionForEdit(slug: string, municipalityCode: string, decisionId: string) {
    const area = await this.area(slug, municipalityCode);
    return { area, decision: await this.findDecision(slug, decisionId) };
  }

  /**
   * Corrects a recorded decision: its title, explanation and visibility. Number and date stay
   * (they belong to the meeting). A corrected title or text sets `corrected_at`, which the pages
   * show as "gewijzigd op"; the audit log keeps the old text.
   */
  async updateDecision(
    who: Actor,
    slug: string,
    decisionId: string,
    form: FormInput,
  ): Promise<EditResult<AllianceDecision>> {
    const area = await this.area(slug, who.municipalityCode);
    const decision = await this.findDecision(slug, decisionId);
    if (text(form, 'geladen') !== decision.updated_at) return stale('decision', form);
    const errors: FieldErrors = {};
    const title = text(form, 'besluit_titel');
    if (!title) errors.besluit_titel = 'Besluit: vul in wat de Alliantie besloot, in één zin.';
    checkLength(errors, 'besluit_titel', 'Besluit', title, 300);
    const body = text(form, 'besluit_tekst');
    checkLength(errors, 'besluit_tekst', 'Toelichting', body);
    const visibility = text(form, 'openbaarheid');
    if (visibility !== 'openbaar' && visibility !== 'vertrouwelijk')
      errors.openbaarheid = 'Openbaarheid: kies openbaar of vertrouwelijk.';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const at = this.now().toISOString();
    const textChanged = title !== decision.title || body !== decision.text;
    const next: AllianceDecision = {
      ...decision,
      title,
      text: body,
      visibility: visibility as DecisionVisibility,
      updated_at: at,
      corrected_at: textChanged ? at : decision.corrected_at,
    };
    return this.saveCorrection(
      who,
      area,
      'decision',
      decision,
      next,
      { title: 'besluit', text: 'toelichting', visibility: 'openbaarheid' },
      (row, k) => (k === 'visibility' ? VISIBILITY_LABELS[row.visibility] : row[k]),
      (store) => store.updateDecision(next, decision.updated_at),
      form,
    );
  }

  /** One action with the seats and its meeting's decisions to choose from, for its edit form. */
  async actionForEdit(slug: string, municipalityCode: string, actionId: string) {
    const area = await this.area(slug, municipalityCode);
    const action = await this.findActionIn(slug, actionId);
    const decisions = (await this.store.listDecisions(slug)).filter(
      (d) => action.meeting_id !== null && d.meeting_id === action.meeting_id,
    );
    const seats = await this.seatOptions(slug);
    // The current owner stays choosable, even a resident seat that lost its member.
    if (!seats.some((s) => s.id === action.owner_seat_id)) {
      const owner = (await this.store.listSeats(slug)).find((s) => s.id === action.owner_seat_id);
      if (owner) seats.push({ id: owner.id, label: owner.sector });
    }
    return { area, action, seats, decisions };
  }

  /**
   * Corrects an action's details: what, who (a seat of the Alliance), the deadline and the
   * decision of its meeting it belongs to. Its status has its own form on the actions page.
   */
  async updateAction(
    who: Actor,
    slug: string,
    actionId: string,
    form: FormInput,
  ): Promise<EditResult<AllianceAction>> {
    const area = await this.area(slug, who.municipalityCode);
    const action = await this.findActionIn(slug, actionId);
    if (text(form, 'geladen') !== action.updated_at) return stale('action', form);
    const errors: FieldErrors = {};
    const description = text(form, 'actie');
    if (!description) errors.actie = 'Actie: vul in wat er moet gebeuren.';
    checkLength(errors, 'actie', 'Actie', description, 1000);
    const seats = await this.store.listSeats(slug);
    const owner = seats.find((s) => s.id === text(form, 'eigenaar'));
    if (!owner) errors.eigenaar = 'Eigenaar: kies de organisatie uit de Alliantie die dit doet.';
    const due = text(form, 'deadline');
    if (!isIsoDate(due)) errors.deadline = 'Deadline: vul een datum in als jjjj-mm-dd.';
    const decisionId = text(form, 'besluit');
    const decisions = await this.store.listDecisions(slug);
    if (decisionId) {
      const d = decisions.find((x) => x.id === decisionId);
      if (!d || action.meeting_id === null || d.meeting_id !== action.meeting_id)
        errors.besluit = 'Hoort bij besluit: kies een besluit van deze vergadering.';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const next: AllianceAction = {
      ...action,
      description,
      owner_seat_id: owner!.id,
      due_on: due,
      decision_id: decisionId || null,
      updated_at: this.now().toISOString(),
    };
    const sector = new Map(seats.map((s) => [s.id, s.sector]));
    const number = new Map(decisions.map((d) => [d.id, d.number]));
    return this.saveCorrection(
      who,
      area,
      'action',
      action,
      next,
      {
        description: 'actie',
        owner_seat_id: 'eigenaar',
        due_on: 'deadline',
        decision_id: 'besluit',
      },
      (row, k) =>
        k === 'owner_seat_id'
          ? (sector.get(row.owner_seat_id) ?? row.owner_seat_id)
          : k === 'decision_id'
            ? row.decision_id && (number.get(row.decision_id) ?? row.decision_id)
            : row[k],
      (store) => store.updateActionDetails(next, action.updated_at),
      form,
    );
  }

  /** One agreement, for its edit form. */
  async agreementForEdit(slug: string, municipalityCode: string, agreementId: string) {
    const area = await this.area(slug, municipalityCode);
    return { area, agreement: await this.findAgreementIn(slug, agreementId) };
  }

  /**
   * Corrects what an agreement says: subject, who, the commitment, its source and link. Status
   * and evidence keep their own form. A correction sets `corrected_at` ("gewijzigd op" on the
   * page); the audit log keeps the old text. A new subject puts the agreement last in it.
   */
  async correctAgreement(
    who: Actor,
    slug: string,
    agreementId: string,
    form: FormInput,
  ): Promise<EditResult<AllianceAgreement>> {
    const area = await this.area(slug, who.municipalityCode);
    const row = await this.findAgreementIn(slug, agreementId);
    if (text(form, 'geladen') !== row.updated_at) return stale('agreement', form);
    const parsed = parseAgreementForm(form);
    if (!parsed.ok) return parsed;
    const { subject, party, commitment, source, link, linkLabel } = parsed.value;
    const same = (await this.store.listAgreements(slug)).filter(
      (a) => a.subject === subject.key && a.id !== row.id,
    );
    const at = this.now().toISOString();
    const next: AllianceAgreement = {
      ...row,
      subject: subject.key,
      position:
        subject.key === row.subject
          ? row.position
          : Math.max(0, ...same.map((a) => a.position)) + 1,
      party,
      commitment,
      source,
      link_path: link || null,
      link_label: link ? linkLabel || null : null,
      updated_at: at,
      corrected_at: at,
    };
    const subjectLabel = (key: AgreementSubject) =>
      AGREEMENT_SUBJECTS.find((s) => s.key === key)?.label ?? key;
    return this.saveCorrection(
      who,
      area,
      'agreement',
      row,
      next,
      {
        subject: 'onderwerp',
        party: 'wie',
        commitment: 'afspraak',
        source: 'bron',
        link_path: 'link',
        link_label: 'linkTekst',
      },
      (r, k) =>
        k === 'subject' ? subjectLabel(r.subject) : k === 'party' ? PARTY_LABELS[r.party] : r[k],
      (store) => store.correctAgreement(next, row.updated_at),
      form,
    );
  }

  /**
   * The public meeting feed: date, place and agenda of every meeting, and the public decisions
   * taken there. Confidential decisions are never part of it.
   */
  async meetingsCalendar(slug: string, publicUrl: string): Promise<string> {
    const area = await this.area(slug);
    const meetings = await this.store.listMeetings(slug);
    const decisions = await this.publicDecisions(slug);
    const events: CalendarEvent[] = meetings.map((m) => {
      const agenda = JSON.parse(m.agenda) as string[];
      const taken = decisions.filter((d) => d.meeting_id === m.id);
      const description = [
        'Agenda:',
        ...agenda.map((a, i) => `${i + 1}. ${a}`),
        ...(taken.length > 0
          ? ['', 'Openbare besluiten:', ...taken.map((d) => `${d.number} ${d.title}`)]
          : []),
      ].join('\n');
      return {
        uid: `alliantie-vergadering-${m.id}@wijkkompas`,
        start: m.starts_at,
        end: m.ends_at,
        summary: m.title,
        location: m.place,
        description,
        url: `${publicUrl.replace(/\/$/, '')}/gebieden/${slug}/alliantie`,
        // A corrected public decision changes the description: the event changed then too.
        updatedAt: [m.updated_at, ...taken.map((d) => d.updated_at)].sort().at(-1)!,
      };
    });
    return buildCalendar({ name: `Alliantie ${area.name}`, events, now: this.now() });
  }

  /**
   * Seeds Dordt West's seats and agreements as the council letter lists them; organisations are
   * left for the programme to fill in. Idempotent: what exists (by sector, by subject and
   * position) is kept as it is, so a second run adds nothing.
   */
  async seedDordtWest(actor: string): Promise<{ seats: number; agreements: number }> {
    const area = await this.store.findFocusArea('dordt-west');
    if (!area) return { seats: 0, agreements: 0 };
    return this.transaction(async ({ store, audit }) => {
      const at = this.now().toISOString();
      const existing = await store.listSeats(area.slug);
      let seats = 0;
      for (const [i, seed] of DORDT_WEST_SEATS.entries()) {
        if (existing.some((s) => s.sector === seed.sector)) continue;
        const row: AllianceSeat = {
          id: randomUUID(),
          focus_area_slug: area.slug,
          municipality_code: area.municipalityCode,
          position: i + 1,
          kind: seed.kind,
          sector: seed.sector,
          note: seed.note,
          created_at: at,
          updated_at: at,
        };
        await store.insertSeat(row);
        await audit.record({
          actor,
          action: AUDIT_ACTIONS.seatAdded,
          entity: 'alliantiezetel',
          entityId: row.id,
          municipalityCode: area.municipalityCode,
          after: { focusgebied: area.slug, sector: row.sector, soort: row.kind },
        });
        seats += 1;
      }
      const current = await store.listAgreements(area.slug);
      let agreements = 0;
      for (const seed of DORDT_WEST_AGREEMENTS) {
        if (current.some((a) => a.subject === seed.subject && a.position === seed.position))
          continue;
        const row: AllianceAgreement = {
          id: randomUUID(),
          focus_area_slug: area.slug,
          subject: seed.subject,
          position: seed.position,
          party: seed.party,
          commitment: seed.commitment,
          source: LETTER_SOURCE,
          status: 'afgesproken',
          evidence: '',
          link_path: seed.linkPath ?? null,
          link_label: seed.linkLabel ?? null,
          created_at: at,
          updated_at: at,
          corrected_at: null,
        };
        await store.insertAgreement(row);
        await audit.record({
          actor,
          action: AUDIT_ACTIONS.agreementAdded,
          entity: 'samenwerkingsafspraak',
          entityId: row.id,
          municipalityCode: area.municipalityCode,
          after: { focusgebied: area.slug, onderwerp: seed.subject, afspraak: seed.commitment },
        });
        agreements += 1;
      }
      return { seats, agreements };
    });
  }
}
