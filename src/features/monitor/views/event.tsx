// One event as its organisation sees it: everything recorded, its states, and the forms that change
// them (verify, publish), with its earlier versions one link away.
import { countryName, formatDateTime } from '../../../platform/i18n/index.ts';
import { PostForm } from '../../../ui/components/form.tsx';
import { PUBLIC_FIELDS, VERIFICATION, type EventVersion, type MonitorEvent } from '../model.ts';
import { labelOf } from '../vocabulary.ts';
import type { EvidenceFile } from '../evidence/service.ts';
import { SourceFiles, UploadForm } from '../evidence/views/files.tsx';
import type { MonitorBase } from './list.tsx';
import { DateRange, StateBadges } from './parts.tsx';

type Props = MonitorBase & {
  e: MonitorEvent;
  csrf: string;
  canWrite: boolean;
  canPublish: boolean;
  canVerify: boolean;
  notice: string | null;
  publicUrl: string | null;
  files: Map<string, EvidenceFile>;
  uploadError: string | null;
};

function Details(p: Pick<Props, 'e' | 't' | 'locale' | 'vocabulary' | 'base'> & { files?: Props['files'] }) {
  const { e, t, locale, vocabulary } = p;
  const label = (kind: Parameters<typeof labelOf>[1], id: string) => labelOf(vocabulary, kind, id, locale);
  return (
    <>
      <dl class="facts">
        <dt>{t('monitor.when')}</dt>
        <dd>
          <DateRange start={e.start} end={e.end} locale={locale} />
        </dd>
        <dt>{t('monitor.where')}</dt>
        <dd>
          {countryName(locale, e.place.country)}
          {e.place.region ? `, ${e.place.region}` : ''}
          {e.place.point && (
            <span dir="ltr">
              {' '}
              ({e.place.point.lat}, {e.place.point.lon}) <span class="hint">{t('monitor.neverPublished')}</span>
            </span>
          )}
        </dd>
      </dl>
      {e.description && <p class="description">{e.description}</p>}
      <h2>{t('monitor.form.acts')}</h2>
      <ul>
        {e.acts.map((a) => (
          <li>
            {label('violations', a.type)} ({label('modes', a.mode)}; {label('rights', a.right)})
            {a.note ? ` — ${a.note}` : ''}
          </li>
        ))}
      </ul>
      {e.parties.length > 0 && (
        <>
          <h2>{t('monitor.form.parties')}</h2>
          <ul>
            {e.parties.map((p) => (
              <li>
                <strong>{label('roles', p.role)}</strong>: {p.name || t(`monitor.form.kind.${p.kind}`)}
                {p.category ? ` (${label('perpetrators', p.category)})` : ''}
                {p.contact ? ` · ${p.contact}` : ''}
                {p.note ? ` — ${p.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.sources.length > 0 && (
        <>
          <h2>{t('monitor.form.sources')}</h2>
          <ul>
            {e.sources.map((s) => (
              <li>
                <strong>{label('sourceKinds', s.kind)}</strong> ({label('reliability', s.reliability)})
                {s.url ? (
                  <>
                    {' '}
                    <a href={s.url} rel="noreferrer noopener">
                      {s.url}
                    </a>
                  </>
                ) : null}
                {s.description ? ` — ${s.description}` : ''}
                {s.collector ? ` · ${t('monitor.form.collector')}: ${s.collector}` : ''}
                {s.capturedOn ? ` · ${s.capturedOn}` : ''}
                {p.files && <SourceFiles ids={s.fileIds} files={p.files} t={t} locale={locale} base={p.base} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function EventPage(p: Props) {
  const { e, t, base, locale, vocabulary } = p;
  const here = `${base}/monitor/events/${e.id}`;
  return (
    <>
      <p>
        <a href={`${base}/monitor`}>{t('monitor.back')}</a>
      </p>
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
      <h1>{e.title}</h1>
      <StateBadges e={e} t={t} vocabulary={vocabulary} locale={locale} />
      <Details e={e} t={t} locale={locale} vocabulary={vocabulary} base={base} files={p.files} />
      <p class="meta">
        {t('monitor.versionLine', { version: e.version, at: formatDateTime(locale, new Date(e.updated.at)) })}{' '}
        {p.canWrite && <a href={`${here}/versions`}>{t('monitor.versions')}</a>}
        {p.canWrite && (
          <>
            {' · '}
            <a href={`${here}/edit`}>{t('monitor.edit')}</a>
          </>
        )}
      </p>
      {p.canWrite && <UploadForm e={e} t={t} base={base} csrf={p.csrf} error={p.uploadError} />}
      {p.canWrite && (
        <section aria-labelledby="verify">
          <h2 id="verify">{t('monitor.verification')}</h2>
          <PostForm action={`${here}/verify`} csrf={p.csrf}>
            <fieldset>
              <legend>{t('monitor.verify.legend')}</legend>
              {VERIFICATION.map((s) => (
                <label class="choice">
                  <input
                    type="radio"
                    name="state"
                    value={s}
                    checked={e.verification.state === s}
                    disabled={s === 'verified' && !p.canVerify}
                  />{' '}
                  {labelOf(vocabulary, 'verification', s, locale)}
                </label>
              ))}
            </fieldset>
            {!p.canVerify && <p class="hint">{t('monitor.verify.notAuthor')}</p>}
            <button type="submit" class="button">
              {t('monitor.verify.save')}
            </button>
          </PostForm>
        </section>
      )}
      {p.canPublish && (
        <section aria-labelledby="publish">
          <h2 id="publish">{t('monitor.publication')}</h2>
          {p.publicUrl && (
            <p>
              <a href={p.publicUrl}>{t('monitor.publish.see')}</a>
            </p>
          )}
          <PostForm action={`${here}/publish`} csrf={p.csrf}>
            <fieldset>
              <legend>{t('monitor.publish.who')}</legend>
              {(['private', 'network', 'public'] as const).map((s) => (
                <label class="choice">
                  <input type="radio" name="state" value={s} checked={e.publication.state === s} />{' '}
                  {t(`monitor.publication.${s}`)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('monitor.publish.fields')}</legend>
              <p class="hint">{t('monitor.publish.never')}</p>
              {PUBLIC_FIELDS.map((f) => (
                <label class="choice">
                  <input type="checkbox" name="fields" value={f} checked={e.publication.fields.includes(f)} />{' '}
                  {t(`monitor.field.${f}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="button">
              {t('monitor.publish.save')}
            </button>
          </PostForm>
          <h2>{t('monitor.delete.title')}</h2>
          <PostForm action={`${here}/delete`} csrf={p.csrf}>
            <label class="choice">
              <input type="checkbox" name="confirm" value="yes" /> {t('monitor.delete.confirm')}
            </label>
            <button type="submit" class="button danger">
              {t('monitor.delete.go')}
            </button>
          </PostForm>
        </section>
      )}
    </>
  );
}

export function VersionsPage(
  p: MonitorBase & { e: MonitorEvent; versions: EventVersion[]; who: (by: string) => string },
) {
  const { t, locale, base, e } = p;
  return (
    <>
      <p>
        <a href={`${base}/monitor/events/${e.id}`}>{e.title}</a>
      </p>
      <h1>{t('monitor.versions')}</h1>
      <ol reversed>
        {p.versions.map((v) => (
          <li>
            <details>
              <summary>
                {t('monitor.versions.entry', {
                  version: v.version,
                  at: formatDateTime(locale, new Date(v.at)),
                  by: p.who(v.by),
                  changed: v.changed.map((c) => t(`monitor.part.${c}`)).join(', '),
                })}
              </summary>
              <Details e={v.event} t={t} locale={locale} vocabulary={p.vocabulary} base={base} />
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
