// /{locale}/orgs/:orgId/monitor: evidence files of events. Upload (multipart) to an event, download the
// original (never under its uploaded name), the custody log checked, and the copy without metadata that
// may be published. Another organisation's files answer 404.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { allows } from '../../../platform/access.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { FileTooLargeError, FileTypeError } from '../../../platform/files/errors.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import { streamForm } from '../../../platform/forms.ts';
import { getEvent } from '../service.ts';
import { eventUrl, orgBase, showEvent, type Ctx } from '../routes.tsx';
import { custodyReport, downloadEvidence, mayUpload, publishEvidence, uploadEvidence } from './service.ts';
import { CustodyPage } from './views/files.tsx';

/** The upload's path: the one request whose body may be larger than the app's small limit (app.ts). */
export const UPLOAD_PATH = /^\/[a-z]{2}\/orgs\/[^/]+\/monitor\/events\/[^/]+\/files$/;

/**
 * An upload, stored as it arrives (streamForm). The form's `source` comes before its file, so it is known
 * when the file starts; a form without a file, or not multipart at all, gets the event page asking for one.
 */
async function upload(c: Ctx) {
  const { ctx, actor, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const id = c.req.param('id')!;
  mayUpload(actor, orgId);
  const e = await getEvent(ctx, actor, orgId, id);
  const refused = (status: 413 | 422, key: string) => showEvent(c, e, { status, error: t(key) });
  if (!c.var.streamedBody) return refused(422, 'evidence.error.noFile');
  try {
    const { result } = await streamForm(c, async (fields, file, bytes) =>
      // No file chosen: the browser sends an empty part without a name.
      file.filename === ''
        ? null
        : uploadEvidence(ctx, actor, orgId, id, {
            body: bytes,
            name: file.filename,
            declaredMime: file.type,
            sourceId: fields.source || null,
          }),
    );
    if (!result) return refused(422, 'evidence.error.noFile');
  } catch (error) {
    if (error instanceof FileTooLargeError) return refused(413, error.messageKey);
    if (error instanceof FileTypeError) return refused(422, error.messageKey);
    if (error instanceof ValidationError && 'source' in error.problems) return refused(422, 'evidence.error.source');
    throw error;
  }
  return c.redirect(eventUrl(c, id, 'attached'), 303);
}

export const evidenceRoutes = new Hono<AppEnv>()
  .post('/orgs/:orgId/monitor/events/:id/files', upload)
  .get('/orgs/:orgId/monitor/files/:fileId', async (c) => {
    const copy = c.req.query('copy') === 'published';
    const got = await downloadEvidence(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('fileId'), copy);
    const { file } = got;
    c.header('content-type', file.mime);
    c.header('content-length', String(got.size));
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-store');
    c.header(
      'content-disposition',
      `attachment; filename="evidence-${file.id}${copy ? '-published' : ''}.${file.ext}"`,
    );
    return c.body(Readable.toWeb(got.stream) as ReadableStream<Uint8Array>);
  })
  .get('/orgs/:orgId/monitor/files/:fileId/custody', async (c) => {
    const { ctx, actor, t, locale } = c.var;
    const orgId = c.req.param('orgId');
    const report = await custodyReport(ctx, actor, orgId, c.req.param('fileId'));
    return c.render(
      <CustodyPage
        report={report}
        t={t}
        locale={locale}
        base={orgBase(c)}
        csrf={csrfToken(c)}
        canPublish={allows(actor, 'org:manage', { orgId })}
      />,
      { title: t('evidence.custody.title', { id: report.file.id }) },
    );
  })
  .post('/orgs/:orgId/monitor/files/:fileId/publish', async (c) => {
    const fileId = c.req.param('fileId');
    await publishEvidence(c.var.ctx, c.var.actor, c.req.param('orgId'), fileId);
    return c.redirect(`${orgBase(c)}/monitor/files/${fileId}/custody`, 303);
  });
