import { z } from 'zod';
import { parseEvidenceRef } from '../../shared/evidence.ts';

/** At most this many goals and actions per main theme. */
export const MAX_ROWS = 10;

const evidenceText = z
  .string()
  .refine((t) => parseEvidenceRef(t) !== null, 'geen geldige verwijzing naar onderbouwing');

const evidenceList = z.array(evidenceText).max(200);

export const goalSchema = z.strictObject({
  text: z.string().min(1).max(1000),
  /** The indicator (and so the area's target for it) the goal is measured by, if any. */
  indicatorKey: z.string().min(1).max(120).nullable(),
  evidence: evidenceList,
});
export type ContourGoal = z.infer<typeof goalSchema>;

export const actionSchema = z.strictObject({
  text: z.string().min(1).max(1000),
  evidence: evidenceList,
});
export type ContourAction = z.infer<typeof actionSchema>;

/** One main theme (hoofdthema) of the programme, under one of the catalogue's themes. */
export const mainThemeSchema = z.strictObject({
  themeKey: z.string().min(1).max(80),
  title: z.string().min(1).max(200),
  ambition: z.string().max(4000),
  /** Evidence behind the ambition. */
  evidence: evidenceList,
  goals: z.array(goalSchema).max(MAX_ROWS),
  actions: z.array(actionSchema).max(MAX_ROWS),
});
export type MainTheme = z.infer<typeof mainThemeSchema>;

export const contentSchema = z.strictObject({
  themes: z.array(mainThemeSchema).max(20),
});
export type ContourContent = z.infer<typeof contentSchema>;

export const EMPTY_CONTENT: ContourContent = { themes: [] };

/** Reads a stored version's content; a row that does not match is a bug, not user input. */
export function readContent(json: string): ContourContent {
  return contentSchema.parse(JSON.parse(json));
}

/** An item of a main theme that evidence hangs on: the ambition, a goal or an action. */
export type ItemRef = { part: 'ambitie' } | { part: 'doel' | 'actie'; index: number };

/** "ambitie", "doel-2", "actie-1" (1-based) ↔ ItemRef. */
export function parseItemRef(text: string): ItemRef | null {
  if (text === 'ambitie') return { part: 'ambitie' };
  const m = /^(doel|actie)-(\d{1,2})$/.exec(text);
  if (!m) return null;
  const index = Number(m[2]) - 1;
  if (index < 0 || index >= MAX_ROWS) return null;
  return { part: m[1] as 'doel' | 'actie', index };
}

export function formatItemRef(item: ItemRef): string {
  return item.part === 'ambitie' ? 'ambitie' : `${item.part}-${item.index + 1}`;
}

/** Every evidence reference in a version, in the order of the document, each once. */
export function allEvidence(content: ContourContent): string[] {
  const seen = new Set<string>();
  for (const t of content.themes) {
    for (const ref of [
      ...t.evidence,
      ...t.goals.flatMap((g) => g.evidence),
      ...t.actions.flatMap((a) => a.evidence),
    ])
      seen.add(ref);
  }
  return [...seen];
}
