// The start page: what it shows besides its links.
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { directoryVersion, searchDirectory, type Mechanism } from '../directory/service.ts';

const NO_FILTERS = { q: '', kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: true };

/** A few services open around the clock, for someone in danger right now. */
export async function urgentMechanisms(ctx: AppContext, actor: Actor): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:read');
  return (await searchDirectory(ctx, actor, NO_FILTERS, { limit: 6, offset: 0 })).items;
}

/** The page shows directory data only: it stays valid while the directory's revision does. */
export const homeVersion = directoryVersion;
