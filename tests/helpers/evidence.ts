// An organisation with one monitor event and its people signed in, for the evidence-file route tests:
// uploads as the event page's form sends them, and what is on disk and in the database to compare.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { custodyReport } from '../../src/features/monitor/evidence/service.ts';
import { sampleEvent } from '../../src/features/monitor/fixtures.ts';
import { getEvent, recordEvents } from '../../src/features/monitor/service.ts';
import { cliOperator } from '../../src/platform/access.ts';
import { addMember, newOrg, signInAs, withOrgKey } from './accounts.ts';
import { testEnv, type TestEnv } from './context.ts';
import { GPS_TEXT, png, pngChunk } from './media-files.ts';

export const MARKER = 'Plaza-Marker-Quetzal-8841';
export const ORIGINAL_NAME = 'ana-lopez-at-the-march.png';
/** The upload limit of these tests' server. */
export const MAX = 8 * 1024;
/** A PNG carrying a distinctive text and a location in a tEXt chunk. */
export const photo = png([pngChunk('tEXt', Buffer.from(`Comment\0${MARKER} ${GPS_TEXT}`, 'latin1'))]);
export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function evidenceSetup() {
  const env: TestEnv = await testEnv({ seed: false, config: { monitorMaxUpload: MAX } });
  const orgId = await newOrg(env, 'Evidence Test');
  const otherOrg = await newOrg(env, 'Other Evidence Test');
  const member = await signInAs(env, await addMember(env, orgId, 'member'));
  const admin = await signInAs(env, await addMember(env, orgId, 'admin'));
  const outsider = await signInAs(env, await addMember(env, otherOrg, 'owner'));
  const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, cliOperator, orgId, [sampleEvent()]));
  const eventId = e!.id;
  const base = `/en/orgs/${orgId}/monitor`;
  const filesDir = path.join(env.dataDir, 'files');
  const event = () => withOrgKey(env, orgId, () => getEvent(env.ctx, cliOperator, orgId, eventId));

  /** The form as the event page's is sent: the source before the file. */
  function upload(
    cookie: string,
    bytes: Buffer,
    name: string,
    type: string,
    source = 's1',
    headers: Record<string, string> = { origin: 'http://localhost' },
    extra: Record<string, string> = {},
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set('source', source);
    form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return env.app.request(`${base}/events/${eventId}/files`, {
      method: 'POST',
      body: form,
      headers: { cookie, ...headers },
    });
  }

  return {
    env,
    orgId,
    otherOrg,
    eventId,
    member,
    admin,
    outsider,
    base,
    filesDir,
    event,
    upload,
    /** The names in the files directory. */
    stored: () => (fs.existsSync(filesDir) ? fs.readdirSync(filesDir).sort() : []),
    fileRows: async () => (await env.ctx.db.selectFrom('monitor_files').select('id').execute()).length,
    report: (id: string) => withOrgKey(env, orgId, () => custodyReport(env.ctx, cliOperator, orgId, id)),
    get: (url: string, cookie = member) => env.app.request(url, { headers: { cookie } }),
    /** Uploads as the member and returns the new file's id (the one the event did not have before). */
    async uploaded(bytes = photo, source = 's1'): Promise<string> {
      const had = new Set((await event()).sources.flatMap((s) => s.fileIds));
      const res = await upload(member, bytes, ORIGINAL_NAME, 'image/png', source);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${base}/events/${eventId}?done=attached`);
      const added = (await event()).sources.flatMap((s) => s.fileIds).filter((id) => !had.has(id));
      expect(added).toHaveLength(1);
      return added[0]!;
    },
  };
}

export type EvidenceSetup = Awaited<ReturnType<typeof evidenceSetup>>;
