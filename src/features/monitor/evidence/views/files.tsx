// Evidence files on the event page (each source's files, the upload form) and a file's custody page.
import { formatDateTime, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { PostForm } from '../../../../ui/components/form.tsx';
import type { MonitorEvent } from '../../model.ts';
import type { CustodyReport, EvidenceFile } from '../service.ts';

/** A size in the reader's language: bytes, kB below a megabyte, MB above. */
export function fileSize(locale: Locale, bytes: number): string {
  const [unit, per] = bytes < 1024 ? ['byte', 1] : bytes < 1024 * 1024 ? ['kilobyte', 1024] : ['megabyte', 1024 * 1024];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / per!);
}

const short = (sha256: string) => sha256.slice(0, 12);

/** The files of one source: kind, size, the start of its SHA-256, and where to download it or see its custody. */
export function SourceFiles(p: {
  ids: string[];
  files: Map<string, EvidenceFile>;
  t: Translate;
  locale: Locale;
  base: string;
}) {
  const files = p.ids.flatMap((id) => (p.files.has(id) ? [p.files.get(id)!] : []));
  if (files.length === 0) return null;
  return (
    <ul class="files">
      {files.map((f) => (
        <li>
          {p.t(`evidence.kind.${f.kind}`)} · {fileSize(p.locale, f.size)} ·{' '}
          <code title={f.sha256} dir="ltr">
            SHA-256 {short(f.sha256)}…
          </code>{' '}
          <a href={`${p.base}/monitor/files/${f.id}`}>{p.t('evidence.download')}</a> ·{' '}
          <a href={`${p.base}/monitor/files/${f.id}/custody`}>{p.t('evidence.custody')}</a>
        </li>
      ))}
    </ul>
  );
}

/** Adding a file to the event, to one of its sources or as a new one. */
export function UploadForm(p: { e: MonitorEvent; t: Translate; base: string; csrf: string; error: string | null }) {
  const { e, t } = p;
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">{t('evidence.add')}</h2>
      <p class="hint">{t('evidence.add.hint')}</p>
      {p.error && (
        <p class="error" role="alert" id="upload-error">
          {p.error}
        </p>
      )}
      <PostForm action={`${p.base}/monitor/events/${e.id}/files`} csrf={p.csrf} enctype="multipart/form-data">
        {/* Before the file: the server reads the form as it arrives and needs the source when the file starts. */}
        <div class="field">
          <label for="upload-source">{t('evidence.source')}</label>
          <select id="upload-source" name="source">
            <option value="">{t('evidence.source.new')}</option>
            {e.sources.map((s, i) => (
              <option value={s.id}>
                {t('evidence.source.n', { n: i + 1, text: (s.description || s.url).slice(0, 60) })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="upload-file">{t('evidence.file')}</label>
          <input
            type="file"
            id="upload-file"
            name="file"
            required
            accept="image/*,application/pdf,audio/*,video/*"
            aria-describedby={p.error ? 'upload-error' : undefined}
          />
        </div>
        <button type="submit" class="button">
          {t('evidence.upload')}
        </button>
      </PostForm>
    </section>
  );
}

export function CustodyPage(p: {
  report: CustodyReport;
  t: Translate;
  locale: Locale;
  base: string;
  csrf: string;
  canPublish: boolean;
}) {
  const { report, t, locale, base } = p;
  const f = report.file;
  const chainProblem = report.chain.ok ? null : report.chain;
  return (
    <>
      <p>
        <a href={`${base}/monitor/events/${f.eventId}`}>{t('evidence.backToEvent')}</a>
      </p>
      <h1>{t('evidence.custody.title', { id: f.id })}</h1>
      <p class={report.ok ? 'notice' : 'error'} role="status">
        {t(report.ok ? 'evidence.custody.ok' : 'evidence.custody.broken')}
      </p>
      <dl class="facts">
        <dt>{t('evidence.kind')}</dt>
        <dd>
          {t(`evidence.kind.${f.kind}`)} ({f.mime}), {fileSize(locale, f.size)}
        </dd>
        <dt>{t('evidence.custody.uploaded')}</dt>
        <dd>
          <code dir="ltr">{f.sha256}</code>
        </dd>
        <dt>{t('evidence.custody.now')}</dt>
        <dd>{report.stored ? <code dir="ltr">{report.stored.sha256}</code> : t('evidence.custody.unreadable')}</dd>
        <dt>{t('evidence.custody.chain')}</dt>
        <dd>
          {chainProblem
            ? t('evidence.custody.chainBroken', { n: chainProblem.at + 1 })
            : report.auditHead === f.head
              ? t('evidence.custody.chainOk')
              : t('evidence.custody.headMissing')}
        </dd>
        {f.publishedCopy && (
          <>
            <dt>{t('evidence.published')}</dt>
            <dd>
              <code dir="ltr">{f.publishedCopy.sha256}</code>{' '}
              <a href={`${base}/monitor/files/${f.id}?copy=published`}>{t('evidence.download')}</a>
            </dd>
          </>
        )}
      </dl>
      <table>
        <caption>{t('evidence.custody.log')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('evidence.custody.when')}</th>
            <th scope="col">{t('evidence.custody.who')}</th>
            <th scope="col">{t('evidence.custody.what')}</th>
          </tr>
        </thead>
        <tbody>
          {f.custody.map((entry, i) => (
            <tr class={chainProblem?.at === i ? 'error' : undefined}>
              <td>{i + 1}</td>
              <td>{formatDateTime(locale, new Date(entry.at))}</td>
              <td>
                <code dir="ltr">{entry.actor}</code>
              </td>
              <td>
                {t(`evidence.action.${entry.action}`)}
                {entry.detail && (
                  <>
                    {' '}
                    <code dir="ltr">{entry.detail}</code>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.canPublish && !f.publishedCopy && f.kind === 'image' && (
        <PostForm action={`${base}/monitor/files/${f.id}/publish`} csrf={p.csrf}>
          <p class="hint">{t('evidence.publish.hint')}</p>
          <button type="submit" class="button">
            {t('evidence.publish')}
          </button>
        </PostForm>
      )}
    </>
  );
}
