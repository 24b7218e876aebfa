// The search index this process serves, built from the database, and the curated synonyms it is built
// with. One per AppContext (src/context.ts builds it; tests may pass their own), built on first use.
import type { Clock } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { Logger } from '../../platform/logger.ts';
import { directoryRevision, foreignChangeMarker, listMechanisms } from './queries.ts';
import { DirectoryIndex } from './search.ts';
import { compileSynonyms, synonymsFile, type Synonyms, type SynonymsFile } from './synonyms.ts';

export interface DirectoryIndexHolder {
  /** The index to search: see LiveDirectoryIndex for how fresh it is. */
  current(): Promise<DirectoryIndex>;
  /** The revision of the directory data this process is serving; pages cached under it stay valid. */
  revision(): Promise<string>;
  /** After a write through this process: the next search waits for an index that holds it. */
  invalidate(): void;
  /** Every language's synonyms from the seed directory's data/search/synonyms.yaml, read once. */
  synonyms(): SynonymsFile;
}

/** How long a process trusts its index before asking the database whether another process changed it. */
const REVISION_TTL_MS = 1000;

interface IndexState {
  index: DirectoryIndex;
  revision: string;
  /** SQLite's data_version when the revision was read (null on PostgreSQL). */
  marker: number | null;
  checkedAt: number;
}

/**
 * Once a second the index asks the database whether another process changed the directory; meanwhile,
 * and while a changed index is being built, requests keep using the current one. A write made through
 * this process drops the index, so its author waits for the new one.
 */
export class LiveDirectoryIndex implements DirectoryIndexHolder {
  private state: IndexState | undefined;
  private building: Promise<DirectoryIndex> | undefined;
  private file: SynonymsFile | undefined;
  private compiled: Synonyms | undefined;

  constructor(private readonly deps: { db: Db; logger: Logger; clock: Clock; seedDir: string }) {}

  synonyms(): SynonymsFile {
    return (this.file ??= synonymsFile(this.deps.seedDir));
  }

  async current(): Promise<DirectoryIndex> {
    const state = this.state;
    if (state && this.now() - state.checkedAt < REVISION_TTL_MS) return state.index;
    const pending = (this.building ??= this.refresh().finally(() => (this.building = undefined)));
    if (!state) return pending;
    // Nobody awaits a background refresh: a failure is logged (the next request tries again), never thrown.
    pending.catch((error: Error) =>
      this.deps.logger.error({ err: { name: error.name, message: error.message } }, 'directory index refresh failed'),
    );
    return state.index;
  }

  async revision(): Promise<string> {
    await this.current();
    return this.state?.revision ?? '';
  }

  invalidate(): void {
    this.state = undefined;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private async refresh(): Promise<DirectoryIndex> {
    const { db } = this.deps;
    const previous = this.state;
    const marker = await foreignChangeMarker(db);
    if (previous && marker !== null && marker === previous.marker) {
      // Nobody else committed since the revision was read: it still holds.
      this.state = { ...previous, checkedAt: this.now() };
      return previous.index;
    }
    const revision = await directoryRevision(db);
    const index =
      previous?.revision === revision
        ? previous.index
        : await DirectoryIndex.build(await listMechanisms(db), {
            synonyms: (this.compiled ??= compileSynonyms(this.synonyms())),
          });
    this.state = { index, revision, marker, checkedAt: this.now() };
    return index;
  }
}
