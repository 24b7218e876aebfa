// The what-if cards an organisation adopted, as stored: one sealed document in org_documents
// (../org-documents.ts seals it and saves it by compare-and-swap), with the organisation's own version
// of each card. Not even which cards it chose is plain.
import type { AppContext } from '../../../context.ts';
import { changeOrgDoc, readOrgDoc } from '../org-documents.ts';

/** The organisation's own version of a card. */
export interface ScenarioPlan {
  signs: string;
  steps: string;
  roles: { task: string; who: string }[];
  contacts: string;
  prepare: string;
}

/** The organisation's adopted cards, as its sealed document holds them. */
export interface ScenariosDoc {
  adopted: { id: string; cardId: string; plan: ScenarioPlan; createdAt: string; updatedAt: string }[];
}

const emptyScenarios = (): ScenariosDoc => ({ adopted: [] });

/** The organisation's adopted cards; none when it never adopted one. */
export function readAdopted(ctx: AppContext, orgId: string): Promise<ScenariosDoc> {
  return readOrgDoc(ctx, orgId, 'scenarios', emptyScenarios);
}

/** Changes the adopted cards: `change` returns the new document (or none) and a result; retried on a race. */
export function changeAdopted<R>(
  ctx: AppContext,
  orgId: string,
  change: (doc: ScenariosDoc) => { doc?: ScenariosDoc; result: R },
): Promise<R> {
  return changeOrgDoc(ctx, orgId, 'scenarios', emptyScenarios, change);
}
