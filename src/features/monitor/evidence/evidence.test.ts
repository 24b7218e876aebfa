// Evidence files through the app, as a member's browser sends them: multipart upload, download, custody.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { GPS_TEXT, png, pngChunk } from '../../../../tests/helpers/media-files.ts';
import { cliOperator } from '../../../platform/access.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { sampleEvent } from '../fixtures.ts';
import { openEvent, sealEvent } from '../sealing.ts';
import { editEvent, eventVersions, getEvent, recordEvents } from '../service.ts';
import { custodyReport, sweepEvidenceUploads, type EvidenceFile } from './service.ts';

const MARKER = 'Plaza-Marker-Quetzal-8841';
const ORIGINAL_NAME = 'ana-lopez-at-the-march.png';
const MAX = 8 * 1024;
const photo = png([pngChunk('tEXt', Buffer.from(`Comment\0${MARKER} ${GPS_TEXT}`, 'latin1'))]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let env: TestEnv;
let orgId: string;
let eventId: string;
let member: string;
let admin: string;
let outsider: string;
let otherOrg: string;

beforeAll(async () => {
  env = await testEnv({ seed: false, config: { monitorMaxUpload: MAX } });
  orgId = await newOrg(env, 'Evidence Test');
  otherOrg = await newOrg(env, 'Other Evidence Test');
  member = await signInAs(env, await addMember(env, orgId, 'member'));
  admin = await signInAs(env, await addMember(env, orgId, 'admin'));
  outsider = await signInAs(env, await addMember(env, otherOrg, 'owner'));
  const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, cliOperator, orgId, [sampleEvent()]));
  eventId = e!.id;
}, 60_000);
afterAll(() => env.close());

const base = () => `/en/orgs/${orgId}/monitor`;
const filesDir = () => path.join(env.dataDir, 'files');
const stored = () => (fs.existsSync(filesDir()) ? fs.readdirSync(filesDir()).sort() : []);
const fileRows = async () => (await env.ctx.db.selectFrom('monitor_files').select('id').execute()).length;
const event = () => withOrgKey(env, orgId, () => getEvent(env.ctx, cliOperator, orgId, eventId));
const report = (id: string) => withOrgKey(env, orgId, () => custodyReport(env.ctx, cliOperator, orgId, id));

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
  return env.app.request(`${base()}/events/${eventId}/files`, {
    method: 'POST',
    body: form,
    headers: { cookie, ...headers },
  });
}

/** Uploads and returns the new file's id (the one the event did not have before). */
async function uploaded(bytes = photo, source = 's1'): Promise<string> {
  const had = new Set((await event()).sources.flatMap((s) => s.fileIds));
  const res = await upload(member, bytes, ORIGINAL_NAME, 'image/png', source);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${base()}/events/${eventId}?done=attached`);
  const added = (await event()).sources.flatMap((s) => s.fileIds).filter((id) => !had.has(id));
  expect(added).toHaveLength(1);
  return added[0]!;
}

const get = (url: string, cookie = member) => env.app.request(url, { headers: { cookie } });

describe('evidence files', () => {
  let fileId: string;

  it('stores an upload sealed, lists it under its source, and downloads the very bytes uploaded', async () => {
    fileId = await uploaded();
    expect((await event()).sources[0]!.fileIds).toEqual([fileId]);
    const page = await (await get(`${base()}/events/${eventId}`)).text();
    expect(page).toContain(sha(photo).slice(0, 12));
    expect(page).toContain(`${base()}/files/${fileId}/custody`);
    expect(page).not.toContain(ORIGINAL_NAME);

    const res = await get(`${base()}/files/${fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${fileId}.png"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(sha(body)).toBe(sha(photo));
    expect(body.equals(photo)).toBe(true);
  });

  it('keeps nothing readable on disk: not the text inside the image, nor its name', () => {
    const onDisk = fs.readFileSync(path.join(filesDir(), fileId));
    expect(onDisk.length).toBeGreaterThan(photo.length);
    for (const text of [MARKER, ORIGINAL_NAME, 'IHDR'])
      for (const encoding of ['latin1', 'utf16le'] as const)
        expect(onDisk.includes(Buffer.from(text, encoding)), text).toBe(false);
  });

  it('refuses a file whose content is not what its name and type say, and keeps nothing of it', async () => {
    const [before, rows] = [stored(), await fileRows()];
    const res = await upload(
      member,
      Buffer.from('just some text, not a photo at all\n'.repeat(20)),
      'photo.jpg',
      'image/jpeg',
    );
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('not what its name or type says');
    expect(page).toContain((await event()).title.slice(0, 20)); // the event page, kept
    expect(stored()).toEqual(before);
    expect(await fileRows()).toBe(rows);
    // A real PNG said to be a JPEG is refused the same way.
    expect((await upload(member, photo, 'photo.jpg', 'image/jpeg')).status).toBe(422);
    expect(stored()).toEqual(before);
  });

  it('stores the file while its request is still arriving', async () => {
    const big = png([pngChunk('tEXt', Buffer.alloc(6000, 0x42))]);
    const form = new FormData();
    form.set('source', 's1');
    form.set('file', new Blob([new Uint8Array(big)], { type: 'image/png' }), 'slow.png');
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const half = bytes.indexOf(Buffer.from('IDAT')); // past the first 4 KiB of the file: its type is known
    let release!: () => void;
    const rest = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new Uint8Array(bytes.subarray(0, half)));
        await rest;
        controller.enqueue(new Uint8Array(bytes.subarray(half)));
        controller.close();
      },
    });
    const before = fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { withFileTypes: false }).length : 0;
    const answer = env.app.request(`${base()}/events/${eventId}/files`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { cookie: member, origin: 'http://localhost', 'content-type': encoded.headers.get('content-type')! },
    } as RequestInit);
    // The sealed file is being written (as a temporary file) before the rest of the body is sent.
    const writing = () => fs.existsSync(filesDir()) && fs.readdirSync(filesDir()).some((n) => n.endsWith('.tmp'));
    for (let i = 0; i < 200 && !writing(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(writing()).toBe(true);
    release();
    expect((await answer).status).toBe(303);
    expect(stored()).toHaveLength(before + 1);
  });

  it('removes, when the server starts, what uploads cut off by a crash left, once no longer arriving', async () => {
    fs.mkdirSync(filesDir(), { recursive: true });
    const [old, recent] = ['a', 'b'].map((c) => path.join(filesDir(), `.${c.repeat(24)}.tmp`));
    for (const f of [old!, recent!]) fs.writeFileSync(f, 'half an upload');
    const now = env.ctx.clock.now().getTime() / 1000;
    fs.utimesSync(old!, now - 7 * 3600, now - 7 * 3600);
    fs.utimesSync(recent!, now - 3600, now - 3600);
    expect(await sweepEvidenceUploads(env.ctx)).toBe(1);
    expect([fs.existsSync(old!), fs.existsSync(recent!)]).toEqual([false, true]);
    fs.rmSync(recent!);
  });

  it('asks for a file when none was chosen', async () => {
    const before = stored();
    const res = await upload(member, Buffer.alloc(0), '', 'application/octet-stream');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose a file to upload.');
    expect(stored()).toEqual(before);
  });

  it('checks the CSRF token of a form whose request shows no origin before reading its file', async () => {
    const before = stored();
    const refused = await upload(member, photo, 'a.png', 'image/png', 's1', {});
    expect(refused.status).toBe(403);
    expect(stored()).toEqual(before);
    const token = 'x'.repeat(32);
    const withToken = { cookie: `${member}; amparo_csrf=${token}` };
    expect((await upload('', photo, 'a.png', 'image/png', 's1', withToken, { _csrf: token })).status).toBe(303);
    expect(stored()).toHaveLength(before.length + 1);
  });

  it('answers 413 past the upload limit, in the file or in the whole request', async () => {
    const before = stored();
    const big = png([pngChunk('tEXt', Buffer.alloc(MAX, 0x41))]);
    const res = await upload(member, big, 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than the upload limit');
    // A request that declares a length past the limit is refused before it is read.
    const huge = png([pngChunk('tEXt', Buffer.alloc(MAX + 128 * 1024, 0x41))]);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(huge)], { type: 'image/png' }), 'huge.png');
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const res2 = await env.app.request(`${base()}/events/${eventId}/files`, {
      method: 'POST',
      body: bytes,
      headers: {
        cookie: member,
        origin: 'http://localhost',
        'content-type': encoded.headers.get('content-type')!,
        'content-length': String(bytes.length),
      },
    });
    expect(res2.status).toBe(413);
    expect(stored()).toEqual(before);
    // Someone not signed in has the app's small limit, even here.
    const small = png([pngChunk('tEXt', Buffer.alloc(MAX / 2, 0x41))]);
    expect((await upload('', small, 'a.png', 'image/png')).status).toBe(303);
    expect((await upload('', Buffer.concat([small, Buffer.alloc(80 * 1024)]), 'a.png', 'image/png')).status).toBe(413);
  });

  it('logs the upload and each download in a custody log that verifies', async () => {
    const r = await report(fileId);
    expect(r.file.custody.map((e) => e.action)).toEqual(['upload', 'download']);
    expect(r.stored?.sha256).toBe(sha(photo));
    expect(r.ok).toBe(true);
    const page = await (await get(`${base()}/files/${fileId}/custody`)).text();
    expect(page).toContain(sha(photo));
    expect(page).toContain('Verified:');
    expect(page).toContain('Uploaded');
    expect(page).toContain('Downloaded');
  });

  /** Opens the file's sealed row, changes it and seals it back, as someone with the key and the database could. */
  async function tamper(id: string, change: (f: EvidenceFile) => EvidenceFile) {
    const at = sealAt.org(orgId, 'monitor_files', 'doc', id);
    await withOrgKey(env, orgId, async () => {
      const row = await env.ctx.db
        .selectFrom('monitor_files')
        .select(['id', 'doc', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const doc = await sealEvent(env.ctx, at, change(await openEvent<EvidenceFile>(env.ctx, orgId, row, at)));
      await env.ctx.db.updateTable('monitor_files').set({ doc }).where('id', '=', id).execute();
    });
  }

  it('finds a custody entry changed in the sealed row', async () => {
    const id = await uploaded();
    expect((await get(`${base()}/files/${id}`)).status).toBe(200);
    await tamper(id, (f) => ({
      ...f,
      custody: f.custody.map((e, i) => (i === 1 ? { ...e, actor: 'user:someone-else' } : e)),
    }));
    const r = await report(id);
    expect(r.chain).toEqual({ ok: false, at: 1, reason: 'entry changed' });
    expect(r.ok).toBe(false);
    expect(await (await get(`${base()}/files/${id}/custody`)).text()).toContain('Not verified');
  });

  it('finds entries cut off the end even when the row is made consistent again', async () => {
    const id = await uploaded();
    expect((await get(`${base()}/files/${id}`)).status).toBe(200);
    await tamper(id, (f) => ({ ...f, custody: f.custody.slice(0, 1), head: f.custody[0]!.hash }));
    const r = await report(id);
    expect(r.chain.ok).toBe(false);
    expect(r.auditHead).not.toBe(r.file.head);
    expect(r.ok).toBe(false);
  });

  it('adds a file without a chosen source as a new source of its own', async () => {
    const sources = (await event()).sources.length;
    const id = await uploaded(photo, '');
    const e = await event();
    expect(e.sources).toHaveLength(sources + 1);
    expect(e.sources[sources]).toMatchObject({ kind: 'media', fileIds: [id], reliability: 'cannot-judge' });
    const versions = await withOrgKey(env, orgId, () => eventVersions(env.ctx, cliOperator, orgId, eventId));
    expect(versions[0]!.changed).toEqual(['sources']); // attaching keeps the version before, like any edit
    expect(versions[0]!.event.sources).toHaveLength(sources);
  });

  it('keeps a file uploaded while someone had the event form open, when they save it', async () => {
    const opened = await event();
    const id = await uploaded();
    const saved = await withOrgKey(env, orgId, () =>
      editEvent(env.ctx, cliOperator, orgId, eventId, { ...opened, title: 'Edited in the meantime' }),
    );
    expect(saved.title).toBe('Edited in the meantime');
    expect(saved.sources[0]!.fileIds).toContain(id);
    expect(saved.sources[0]!.fileIds).toEqual((await event()).sources[0]!.fileIds);
  });

  it('refuses a NUL character in the fields of a streamed form, as in any form', async () => {
    const before = stored();
    expect((await upload(member, photo, 'a.png', 'image/png', 's\u00001')).status).toBe(400);
    expect(stored()).toEqual(before);
  });

  it('answers 404 to another organisation, under its own address or ours', async () => {
    expect((await get(`${base()}/files/${fileId}`, outsider)).status).toBe(404);
    expect((await get(`/en/orgs/${otherOrg}/monitor/files/${fileId}`, outsider)).status).toBe(404);
    expect((await get(`/en/orgs/${otherOrg}/monitor/files/${fileId}/custody`, outsider)).status).toBe(404);
    const before = stored();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'x.png');
    const res = await env.app.request(`/en/orgs/${otherOrg}/monitor/events/${eventId}/files`, {
      method: 'POST',
      body: form,
      headers: { cookie: outsider, origin: 'http://localhost' },
    });
    expect(res.status).toBe(404);
    expect(stored()).toEqual(before);
  });

  it('makes a copy without metadata for publication, for admins only, and leaves the original as it was', async () => {
    const post = (cookie: string) =>
      env.app.request(`${base()}/files/${fileId}/publish`, {
        method: 'POST',
        headers: { cookie, origin: 'http://localhost' },
      });
    expect((await post(member)).status).toBe(403);
    expect((await post(admin)).status).toBe(303);
    const r = await report(fileId);
    expect(r.file.publishedCopy).toBeDefined();
    expect(r.file.custody.map((e) => e.action)).toContain('publish');
    expect(r.ok).toBe(true);
    const copy = Buffer.from(await (await get(`${base()}/files/${fileId}?copy=published`)).arrayBuffer());
    expect(sha(copy)).toBe(r.file.publishedCopy!.sha256);
    expect(copy.subarray(0, 8).equals(photo.subarray(0, 8))).toBe(true);
    expect(copy.includes(Buffer.from(MARKER, 'latin1'))).toBe(false);
    expect(copy.includes(Buffer.from(GPS_TEXT, 'latin1'))).toBe(false);
    const original = Buffer.from(await (await get(`${base()}/files/${fileId}`)).arrayBuffer());
    expect(original.equals(photo)).toBe(true);
  });
});
