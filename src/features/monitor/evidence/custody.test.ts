// The chain of custody of evidence files (checked against the stored bytes and the audit log), where an
// upload goes in its event, who may see or publish it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { evidenceSetup, MARKER, photo, sha, type EvidenceSetup } from '../../../../tests/helpers/evidence.ts';
import { GPS_TEXT } from '../../../../tests/helpers/media-files.ts';
import { cliOperator } from '../../../platform/access.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { openEvent, sealEvent } from '../sealing.ts';
import { editEvent, eventVersions } from '../service.ts';
import type { EvidenceFile } from './service.ts';

let s: EvidenceSetup;
beforeAll(async () => {
  s = await evidenceSetup();
}, 60_000);
afterAll(() => s.env.close());

describe('custody of evidence files', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = await s.uploaded();
    expect((await s.get(`${s.base}/files/${fileId}`)).status).toBe(200);
  });

  it('logs the upload and each download in a custody log that verifies', async () => {
    const r = await s.report(fileId);
    expect(r.file.custody.map((e) => e.action)).toEqual(['upload', 'download']);
    expect(r.stored?.sha256).toBe(sha(photo));
    expect(r.ok).toBe(true);
    const page = await (await s.get(`${s.base}/files/${fileId}/custody`)).text();
    expect(page).toContain(sha(photo));
    expect(page).toContain('Verified:');
    expect(page).toContain('Uploaded');
    expect(page).toContain('Downloaded');
  });

  /** Opens the file's sealed row, changes it and seals it back, as someone with the key and the database could. */
  async function tamper(id: string, change: (f: EvidenceFile) => EvidenceFile) {
    const at = sealAt.org(s.orgId, 'monitor_files', 'doc', id);
    await withOrgKey(s.env, s.orgId, async () => {
      const row = await s.env.ctx.db
        .selectFrom('monitor_files')
        .select(['id', 'doc', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const doc = await sealEvent(s.env.ctx, at, change(await openEvent<EvidenceFile>(s.env.ctx, s.orgId, row, at)));
      await s.env.ctx.db.updateTable('monitor_files').set({ doc }).where('id', '=', id).execute();
    });
  }

  it('finds a custody entry changed in the sealed row', async () => {
    const id = await s.uploaded();
    expect((await s.get(`${s.base}/files/${id}`)).status).toBe(200);
    await tamper(id, (f) => ({
      ...f,
      custody: f.custody.map((e, i) => (i === 1 ? { ...e, actor: 'user:someone-else' } : e)),
    }));
    const r = await s.report(id);
    expect(r.chain).toEqual({ ok: false, at: 1, reason: 'entry changed' });
    expect(r.ok).toBe(false);
    expect(await (await s.get(`${s.base}/files/${id}/custody`)).text()).toContain('Not verified');
  });

  it('finds entries cut off the end even when the row is made consistent again', async () => {
    const id = await s.uploaded();
    expect((await s.get(`${s.base}/files/${id}`)).status).toBe(200);
    await tamper(id, (f) => ({ ...f, custody: f.custody.slice(0, 1), head: f.custody[0]!.hash }));
    const r = await s.report(id);
    expect(r.chain.ok).toBe(false);
    expect(r.auditHead).not.toBe(r.file.head);
    expect(r.ok).toBe(false);
  });

  it('adds a file without a chosen source as a new source of its own', async () => {
    const sources = (await s.event()).sources.length;
    const id = await s.uploaded(photo, '');
    const e = await s.event();
    expect(e.sources).toHaveLength(sources + 1);
    expect(e.sources[sources]).toMatchObject({ kind: 'media', fileIds: [id], reliability: 'cannot-judge' });
    const versions = await withOrgKey(s.env, s.orgId, () => eventVersions(s.env.ctx, cliOperator, s.orgId, s.eventId));
    expect(versions[0]!.changed).toEqual(['sources']); // attaching keeps the version before, like any edit
    expect(versions[0]!.event.sources).toHaveLength(sources);
  });

  it('keeps a file uploaded while someone had the event form open, when they save it', async () => {
    const opened = await s.event();
    const id = await s.uploaded();
    const saved = await withOrgKey(s.env, s.orgId, () =>
      editEvent(s.env.ctx, cliOperator, s.orgId, s.eventId, { ...opened, title: 'Edited in the meantime' }),
    );
    expect(saved.title).toBe('Edited in the meantime');
    expect(saved.sources[0]!.fileIds).toContain(id);
    expect(saved.sources[0]!.fileIds).toEqual((await s.event()).sources[0]!.fileIds);
  });

  it('refuses a NUL character in the fields of a streamed form, as in any form', async () => {
    const before = s.stored();
    expect((await s.upload(s.member, photo, 'a.png', 'image/png', 's\u00001')).status).toBe(400);
    expect(s.stored()).toEqual(before);
  });

  it('answers 404 to another organisation, under its own address or ours', async () => {
    expect((await s.get(`${s.base}/files/${fileId}`, s.outsider)).status).toBe(404);
    expect((await s.get(`/en/orgs/${s.otherOrg}/monitor/files/${fileId}`, s.outsider)).status).toBe(404);
    expect((await s.get(`/en/orgs/${s.otherOrg}/monitor/files/${fileId}/custody`, s.outsider)).status).toBe(404);
    const before = s.stored();
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'x.png');
    const res = await s.env.app.request(`/en/orgs/${s.otherOrg}/monitor/events/${s.eventId}/files`, {
      method: 'POST',
      body: form,
      headers: { cookie: s.outsider, origin: 'http://localhost' },
    });
    expect(res.status).toBe(404);
    expect(s.stored()).toEqual(before);
  });

  it('makes a copy without metadata for publication, for admins only, and leaves the original as it was', async () => {
    const post = (cookie: string) =>
      s.env.app.request(`${s.base}/files/${fileId}/publish`, {
        method: 'POST',
        headers: { cookie, origin: 'http://localhost' },
      });
    expect((await post(s.member)).status).toBe(403);
    expect((await post(s.admin)).status).toBe(303);
    const r = await s.report(fileId);
    expect(r.file.publishedCopy).toBeDefined();
    expect(r.file.custody.map((e) => e.action)).toContain('publish');
    expect(r.ok).toBe(true);
    const copy = Buffer.from(await (await s.get(`${s.base}/files/${fileId}?copy=published`)).arrayBuffer());
    expect(sha(copy)).toBe(r.file.publishedCopy!.sha256);
    expect(copy.subarray(0, 8).equals(photo.subarray(0, 8))).toBe(true);
    expect(copy.includes(Buffer.from(MARKER, 'latin1'))).toBe(false);
    expect(copy.includes(Buffer.from(GPS_TEXT, 'latin1'))).toBe(false);
    const original = Buffer.from(await (await s.get(`${s.base}/files/${fileId}`)).arrayBuffer());
    expect(original.equals(photo)).toBe(true);
  });
});
