// Crypto-erase (issue 11): an organisation with 10,000 sealed rows (assessments, each a padded sealed
// document, as the service writes them) and a few members is erased by its owner. The figure with the
// target is how long until every copy of its key is gone; the whole erasure (rows deleted, files
// purged) is beside it. On SQLite in a fresh data directory; on PostgreSQL too, in a fresh schema, when
// DATABASE_URL is set (the bench never touches the caller's own schema).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildConfig, type Config } from '../src/config/config.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { writeDate } from '../src/db/values.ts';
import { eraseOrganisation } from '../src/features/accounts/erase/service.ts';
import { acceptAsNewUser, inviteMember } from '../src/features/accounts/invitations/service.ts';
import { createOrganisation } from '../src/features/accounts/orgs/service.ts';
import { findUserByLookup } from '../src/features/accounts/queries.ts';
import { anonymous, cliOperator, type Actor } from '../src/platform/access.ts';
import { newId } from '../src/platform/ids.ts';
import { emptyKeys } from '../src/platform/keyring.ts';
import { newRevision, sealDocument } from '../src/platform/sealed-documents.ts';
import { sealAt } from '../src/platform/sealer.ts';
import { removeDir, tempDir, type Figure } from './lib.ts';

export const SEALED_ROWS = 10_000;
export const TARGET_MS = 1000;
const MEMBERS = 5;
const BATCH = 200;
const NAME = 'Bench Erase Collective';
const PASSWORD = 'bench erase lantern 4417';

/** An organisation, its owner and members (real accounts, real grants) and a pending invitation. */
async function organisation(ctx: AppContext): Promise<{ orgId: string; ownerId: string; owner: Actor }> {
  const created = await createOrganisation(ctx, cliOperator, { name: NAME });
  if (!created.ok) throw new Error('could not create the organisation');
  const orgId = created.value.id;
  let ownerId = '';
  for (let i = 0; i <= MEMBERS; i++) {
    const email = `bench-erase-${i}@example.org`;
    const invited = await inviteMember(ctx, cliOperator, orgId, { email, role: i === 0 ? 'owner' : 'member' });
    if (!invited.ok) throw new Error('could not invite');
    if (i === MEMBERS) break; // the last invitation stays pending: its link carries the key too
    const fields = { name: `Bench ${i}`, password: PASSWORD, password_confirm: PASSWORD };
    // Accepting runs as its own request, with its own keys.
    const accepted = await ctx.keyring.hold(emptyKeys(), () =>
      acceptAsNewUser(ctx, anonymous, invited.value.token, fields),
    );
    if (!accepted.ok) throw new Error('could not accept');
    if (i === 0) ownerId = (await findUserByLookup(ctx.db, ctx.lookup.email(email)))!.id;
  }
  const owner: Actor = {
    kind: 'user',
    userId: ownerId,
    sessionId: 'bench',
    platformRole: null,
    mfa: true,
    memberships: new Map([[orgId, { role: 'owner', requireMfa: false }]]),
  };
  return { orgId, ownerId, owner };
}

/** SEALED_ROWS assessments, each sealed under the organisation's key, written in batches. */
async function sealedRows(ctx: AppContext, orgId: string, ownerId: string): Promise<void> {
  const doc = { answers: { 'funding.freeze': { likelihood: 4, impact: 5 } }, notes: {}, context: {} };
  const now = writeDate(ctx.clock.now());
  for (let done = 0; done < SEALED_ROWS; done += BATCH) {
    const rows = await Promise.all(
      Array.from({ length: Math.min(BATCH, SEALED_ROWS - done) }, async () => {
        const id = newId(16);
        return {
          id,
          org_id: orgId,
          status: 'closed' as const,
          based_on: null,
          instrument_version: 1,
          created_by: await ctx.sealer.seal(sealAt.org(orgId, 'assessments', 'created_by', id), ownerId),
          created_at: now,
          closed_by: null,
          closed_at: now,
          scores: null,
          doc: await sealDocument(ctx.sealer, sealAt.org(orgId, 'assessments', 'doc', id), doc),
          revision: newRevision(),
        };
      }),
    );
    await ctx.db.insertInto('assessments').values(rows).execute();
  }
}

async function measure(label: string, config: Config): Promise<Figure[]> {
  const ctx = await createContext(config);
  try {
    return await ctx.keyring.hold(emptyKeys(), async () => {
      const { orgId, ownerId, owner } = await organisation(ctx);
      await sealedRows(ctx, orgId, ownerId);
      const result = await eraseOrganisation(ctx, owner, orgId, { name: NAME });
      if (!result.ok) throw new Error(`erase refused: ${JSON.stringify(result.problems)}`);
      const left = await ctx.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow();
      if (Number(left.n) !== 0) throw new Error(`${String(left.n)} sealed rows left after the erasure`);
      const { keysGoneMs, totalMs } = result.value;
      const rows = `${SEALED_ROWS.toLocaleString('en')} sealed rows, ${MEMBERS} members, 1 pending invitation`;
      return [
        {
          label: `erase (${label}): every copy of the key gone`,
          value: keysGoneMs,
          unit: 'ms',
          target: { op: '<=', value: TARGET_MS },
          note: rows,
        },
        {
          label: `erase (${label}): whole erasure, rows deleted and files purged`,
          value: totalMs,
          unit: 'ms',
          detail: true,
        },
      ];
    });
  } finally {
    await ctx.db.destroy();
  }
}

async function onPostgres(databaseUrl: string, dataDir: string): Promise<Figure[]> {
  const schema = `bench_erase_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    return await measure('PostgreSQL', buildConfig({}, { dataDir, databaseUrl, dbSchema: schema, logLevel: 'silent' }));
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

export async function eraseBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const dir = tempDir('erase');
  try {
    figures.push(...(await measure('SQLite', buildConfig({}, { dataDir: dir, logLevel: 'silent' }))));
    const databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) figures.push(...(await onPostgres(databaseUrl, dir)));
    else
      figures.push({
        label: 'erase (PostgreSQL): not measured',
        value: Number.NaN,
        unit: '',
        note: 'set DATABASE_URL to measure it in a fresh schema there',
      });
  } finally {
    removeDir(dir);
  }
  return figures;
}
