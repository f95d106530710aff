import type { MemberStatus } from './focus-area.table.ts';

/**
 * The one home of the rule "only `lid` buurten count": a focus area's figures, its survey
 * weighting, its buurt choices and its member counts use the members with status 'lid';
 * 'te_bevestigen', 'deels' and 'uitgesloten' are shown but never counted, nor is an area that
 * is no member at all (no status).
 */
export function isCountedMember(member: { status?: MemberStatus | undefined }): boolean {
  return member.status === 'lid';
}

/** The members that count, in their order. */
export function countedMembers<T extends { status: MemberStatus }>(members: readonly T[]): T[] {
  return members.filter(isCountedMember);
}

/** The buurt codes of the members that count, in their order. */
export function countedBuurtCodes(
  members: readonly { status: MemberStatus; buurt_code: string }[],
): string[] {
  return countedMembers(members).map((m) => m.buurt_code);
}
