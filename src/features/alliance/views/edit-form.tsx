import type { ComponentChildren } from 'preact';
import { formatDay } from '../dates.ts';

/** Pieces of the Alliance's edit forms (a seat, a decision, an action, an agreement). */

/**
 * The record's `updated_at` as the form was loaded. After a conflict the form carries the value
 * now stored, so saving again is a deliberate choice after seeing the other change.
 */
export function LoadedField(props: { value: string }) {
  return <input type="hidden" name="geladen" value={props.value} />;
}

/** After a conflict: what is stored now, next to the form with the user's own text. */
export function StoredNow(props: { children: ComponentChildren }) {
  return (
    <section aria-labelledby="nu-opgeslagen" class="wk-stack">
      <h2 class="utrecht-heading-2" id="nu-opgeslagen">
        Nu opgeslagen
      </h2>
      <dl class="wk-facts">{props.children}</dl>
    </section>
  );
}

/**
 * "gewijzigd op …": a decision or agreement whose text was corrected after it was recorded. The
 * old text stays in the audit log; the page says that a correction happened and when.
 */
export function CorrectedNote(props: { at: string | null }) {
  if (!props.at) return null;
  return <span class="wk-muted"> (gewijzigd op {formatDay(props.at)})</span>;
}

/** The link to a record's edit form; its accessible name starts with the visible word. */
export function EditLink(props: { href: string; what: string }) {
  return (
    <a class="utrecht-link" href={props.href} aria-label={`Wijzigen: ${props.what}`}>
      Wijzigen
    </a>
  );
}
