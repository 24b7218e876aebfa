// Assessment answers are sealed: after saving, a distinctive free-text answer appears in no column of
// any table, nor anywhere in the database's files on disk (SQLite's file and its WAL; PostgreSQL's data
// directory after a checkpoint, when this process may read it), yet a member reads it back intact.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/features/assessments/service.ts';
import { addMember, newOrg, signInAs } from './helpers/accounts.ts';
import { postForm, testEnv, usingPostgres, type TestEnv } from './helpers/context.ts';
import { databaseText } from './helpers/db-text.ts';

const NOTE = 'zebra-quokka-7781 safe house on Calle Sucre';
const CONTEXT = 'marimba-tangerine-4402 alliance with the teachers union';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: true });
});
afterAll(() => env.close());

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('sealed assessment answers', () => {
  it('are nowhere in plain text, in the tables or on disk, and read back intact', async () => {
    const orgId = await newOrg(env, 'Sealed Org');
    const cookie = await signInAs(env, await addMember(env, orgId, 'owner'));
    const started = await postForm(env, `/en/orgs/${orgId}/assessments`, {}, { cookie });
    const id = started.headers.get('location')!.split('/').pop()!;
    const { instrument } = await loadLibrary(env.ctx);
    const threat = instrument.domains[1]!.threats[0]!.id;
    expect((await postForm(env, `/en/orgs/${orgId}/assessments/${id}/domains/${instrument.domains[1]!.id}`, { [`${threat}.likelihood`]: '4', [`${threat}.impact`]: '5', note: NOTE }, { cookie })).status).toBe(303);
    expect((await postForm(env, `/en/orgs/${orgId}/assessments/${id}/context`, { [instrument.context[0]!.id]: CONTEXT }, { cookie })).status).toBe(303);
    expect((await postForm(env, `/en/orgs/${orgId}/assessments/${id}/close`, { confirm: 'anyway' }, { cookie })).status).toBe(303); // other areas left unscored

    // Every text, JSON and binary column of every table.
    for (const [table, text] of Object.entries(await databaseText(env))) {
      for (const secret of [NOTE, CONTEXT, 'zebra-quokka', 'marimba-tangerine', '"likelihood"', '"risk"']) expect(text, `${table} holds ${secret}`).not.toContain(secret);
    }

    // The files on disk.
    let files: string[] = [];
    if (usingPostgres) {
      await sql`checkpoint`.execute(env.ctx.db);
      const dataDirectory = (await sql<{ data_directory: string }>`show data_directory`.execute(env.ctx.db)).rows[0]!.data_directory;
      try {
        files = filesUnder(dataDirectory);
      } catch {
        console.log(`PostgreSQL data directory ${dataDirectory} is not readable by this process: its files were not searched`);
      }
    } else {
      files = fs.readdirSync(env.dataDir).filter((f) => f.startsWith('amparo.db')).map((f) => path.join(env.dataDir, f));
      // The search itself works: public directory text, stored plain, is found in those same files.
      expect(files.some((f) => fs.readFileSync(f).indexOf('Digital Security Helpline') >= 0)).toBe(true);
    }
    let searched = 0;
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        continue;
      }
      searched += bytes.length;
      for (const secret of ['zebra-quokka', 'marimba-tangerine']) expect(bytes.indexOf(secret), `${file} holds ${secret}`).toBe(-1);
    }
    console.log(`searched ${files.length} database files, ${(searched / 1e6).toFixed(1)} MB, for the answers: not found`);
    if (usingPostgres && files.length > 0) {
      // The search itself works: a plain value written on purpose is found in those same files.
      await sql`create table plain_probe (v text)`.execute(env.ctx.db);
      await sql`insert into plain_probe values ('probe-visible-5521')`.execute(env.ctx.db);
      await sql`checkpoint`.execute(env.ctx.db);
      const found = filesUnder((await sql<{ data_directory: string }>`show data_directory`.execute(env.ctx.db)).rows[0]!.data_directory).some((f) => {
        try {
          return fs.readFileSync(f).indexOf('probe-visible-5521') >= 0;
        } catch {
          return false;
        }
      });
      expect(found).toBe(true);
    }

    // A member reads them back intact.
    const page = await (await env.app.request(`/en/orgs/${orgId}/assessments/${id}/print`, { headers: { cookie } })).text();
    expect(page).toContain(NOTE);
    expect(page).toContain(CONTEXT);
  });
});
