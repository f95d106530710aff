import type { Selectable } from 'kysely';

export type CatalogueProposalStatus = 'open' | 'aangenomen' | 'afgewezen';

/**
 * A municipality's proposal to change one indicator of the shared catalogue (ADR 0017). The
 * national role accepts it (a new catalogue version) or rejects it with a reason; both audited.
 */
export interface CatalogueProposalTable {
  id: string;
  indicator_key: string;
  /** The catalogue version the proposal was made against. */
  base_version: number;
  /** The proposed indicator as JSON, valid against the catalogue schema when proposed. */
  proposed: string;
  note: string;
  municipality_code: string;
  proposed_by: string;
  proposed_at: string;
  status: CatalogueProposalStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The catalogue version an accepted proposal became. */
  result_version: number | null;
}
export type CatalogueProposal = Selectable<CatalogueProposalTable>;
