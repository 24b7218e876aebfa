// Evidence files through the app, as a member's browser sends them: multipart upload as it arrives,
// download, what is kept on disk, and what is refused.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evidenceSetup,
  MARKER,
  MAX,
  ORIGINAL_NAME,
  photo,
  sha,
  type EvidenceSetup,
} from '../../../../tests/helpers/evidence.ts';
import { png, pngChunk } from '../../../../tests/helpers/media-files.ts';
import { Readable } from 'node:stream';
import { withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { cliOperator } from '../../../platform/access.ts';
import { sampleEvent } from '../fixtures.ts';
import { deleteEvent, recordEvents } from '../service.ts';
import { sweepEvidenceUploads, uploadEvidence } from './service.ts';

let s: EvidenceSetup;
beforeAll(async () => {
  s = await evidenceSetup();
}, 60_000);
afterAll(() => s.env.close());

describe('evidence files', () => {
  let fileId: string;

  it('stores an upload sealed, lists it under its source, and downloads the very bytes uploaded', async () => {
    fileId = await s.uploaded();
    expect((await s.event()).sources[0]!.fileIds).toEqual([fileId]);
    const page = await (await s.get(`${s.base}/events/${s.eventId}`)).text();
    expect(page).toContain(sha(photo).slice(0, 12));
    expect(page).toContain(`${s.base}/files/${fileId}/custody`);
    expect(page).not.toContain(ORIGINAL_NAME);

    const res = await s.get(`${s.base}/files/${fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${fileId}.png"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(sha(body)).toBe(sha(photo));
    expect(body.equals(photo)).toBe(true);
  });

  it('keeps nothing readable on disk: not the text inside the image, nor its name', () => {
    const onDisk = fs.readFileSync(path.join(s.filesDir, fileId));
    expect(onDisk.length).toBeGreaterThan(photo.length);
    for (const text of [MARKER, ORIGINAL_NAME, 'IHDR'])
      for (const encoding of ['latin1', 'utf16le'] as const)
        expect(onDisk.includes(Buffer.from(text, encoding)), text).toBe(false);
  });

  it('refuses a file whose content is not what its name and type say, and keeps nothing of it', async () => {
    const [before, rows] = [s.stored(), await s.fileRows()];
    const res = await s.upload(
      s.member,
      Buffer.from('just some text, not a photo at all\n'.repeat(20)),
      'photo.jpg',
      'image/jpeg',
    );
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('not what its name or type says');
    expect(page).toContain((await s.event()).title.slice(0, 20)); // the event page, kept
    expect(s.stored()).toEqual(before);
    expect(await s.fileRows()).toBe(rows);
    // A real PNG said to be a JPEG is refused the same way.
    expect((await s.upload(s.member, photo, 'photo.jpg', 'image/jpeg')).status).toBe(422);
    expect(s.stored()).toEqual(before);
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
    const before = fs.existsSync(s.filesDir) ? fs.readdirSync(s.filesDir, { withFileTypes: false }).length : 0;
    const answer = s.env.app.request(`${s.base}/events/${s.eventId}/files`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { cookie: s.member, origin: 'http://localhost', 'content-type': encoded.headers.get('content-type')! },
    } as RequestInit);
    // The sealed file is being written (as a temporary file) before the rest of the body is sent.
    const writing = () => fs.existsSync(s.filesDir) && fs.readdirSync(s.filesDir).some((n) => n.endsWith('.tmp'));
    for (let i = 0; i < 200 && !writing(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(writing()).toBe(true);
    release();
    expect((await answer).status).toBe(303);
    expect(s.stored()).toHaveLength(before + 1);
  });

  it('removes, when the server starts, what uploads cut off by a crash left, once no longer arriving', async () => {
    fs.mkdirSync(s.filesDir, { recursive: true });
    const [old, recent] = ['a', 'b'].map((c) => path.join(s.filesDir, `.${c.repeat(24)}.tmp`));
    for (const f of [old!, recent!]) fs.writeFileSync(f, 'half an upload');
    const now = s.env.ctx.clock.now().getTime() / 1000;
    fs.utimesSync(old!, now - 7 * 3600, now - 7 * 3600);
    fs.utimesSync(recent!, now - 3600, now - 3600);
    expect(await sweepEvidenceUploads(s.env.ctx)).toBe(1);
    expect([fs.existsSync(old!), fs.existsSync(recent!)]).toEqual([false, true]);
    fs.rmSync(recent!);
  });

  it('asks for a file when none was chosen', async () => {
    const before = s.stored();
    const res = await s.upload(s.member, Buffer.alloc(0), '', 'application/octet-stream');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose a file to upload.');
    expect(s.stored()).toEqual(before);
  });

  it('checks the CSRF token of a form whose request shows no origin before reading its file', async () => {
    const before = s.stored();
    const refused = await s.upload(s.member, photo, 'a.png', 'image/png', 's1', {});
    expect(refused.status).toBe(403);
    expect(s.stored()).toEqual(before);
    const token = 'x'.repeat(32);
    const withToken = { cookie: `${s.member}; amparo_csrf=${token}` };
    expect((await s.upload('', photo, 'a.png', 'image/png', 's1', withToken, { _csrf: token })).status).toBe(303);
    expect(s.stored()).toHaveLength(before.length + 1);
  });

  it('answers 413 past the upload limit, in the file or in the whole request', async () => {
    const before = s.stored();
    const big = png([pngChunk('tEXt', Buffer.alloc(MAX, 0x41))]);
    const res = await s.upload(s.member, big, 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than the upload limit');
    // A request that declares a length past the limit is refused before it is read.
    const huge = png([pngChunk('tEXt', Buffer.alloc(MAX + 128 * 1024, 0x41))]);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(huge)], { type: 'image/png' }), 'huge.png');
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const res2 = await s.env.app.request(`${s.base}/events/${s.eventId}/files`, {
      method: 'POST',
      body: bytes,
      headers: {
        cookie: s.member,
        origin: 'http://localhost',
        'content-type': encoded.headers.get('content-type')!,
        'content-length': String(bytes.length),
      },
    });
    expect(res2.status).toBe(413);
    expect(s.stored()).toEqual(before);
    // Someone not signed in has the app's small limit, even here.
    const small = png([pngChunk('tEXt', Buffer.alloc(MAX / 2, 0x41))]);
    expect((await s.upload('', small, 'a.png', 'image/png')).status).toBe(303);
    expect((await s.upload('', Buffer.concat([small, Buffer.alloc(80 * 1024)]), 'a.png', 'image/png')).status).toBe(
      413,
    );
  });

  it('goes with its event when the event is deleted: the sealed files and their rows', async () => {
    const { env, orgId } = s;
    const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, cliOperator, orgId, [sampleEvent()]));
    const before = { files: s.stored(), rows: await s.fileRows() };
    const upload = { body: Readable.from([photo]), name: 'a.png', declaredMime: 'image/png', sourceId: 's1' };
    const file = await withOrgKey(env, orgId, () => uploadEvidence(env.ctx, cliOperator, orgId, e!.id, upload));
    expect(s.stored()).toEqual([...before.files, file.id].sort());
    expect(await withOrgKey(env, orgId, () => deleteEvent(env.ctx, cliOperator, orgId, e!.id, true))).toBe(true);
    expect({ files: s.stored(), rows: await s.fileRows() }).toEqual(before);
  });
});
