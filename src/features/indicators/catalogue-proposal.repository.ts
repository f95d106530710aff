import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CatalogueProposal, CatalogueProposalTable } from './catalogue-proposal.table.ts';

type Q = Kysely<Database>;

export async function insertCatalogueProposal(db: Q, row: CatalogueProposalTable): Promise<void> {
  await db.insertInto('catalogue_proposals').values(row).execute();
}

export async function findCatalogueProposal(
  db: Q,
  id: string,
): Promise<CatalogueProposal | undefined> {
  return db.selectFrom('catalogue_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Open proposals first, each group oldest first. */
export async function listCatalogueProposals(
  db: Q,
  filter: { status?: CatalogueProposal['status']; municipalityCodes?: readonly string[] } = {},
): Promise<CatalogueProposal[]> {
  let q = db.selectFrom('catalogue_proposals').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.municipalityCodes) {
    if (filter.municipalityCodes.length === 0) return [];
    q = q.where('municipality_code', 'in', filter.municipalityCodes);
  }
  return q.orderBy('proposed_at').orderBy('id').execute();
}

/** Decides an open proposal; false when it was decided already (a concurrent decision). */
export async function decideCatalogueProposal(
  db: Q,
  id: string,
  decision: Pick<
    CatalogueProposalTable,
    'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'result_version'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('catalogue_proposals')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
