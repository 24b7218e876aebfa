// The handlers' queue: the cases in one language or all, each with its clock, state and assignee.
import { formatDateTime, languageName } from '../../../platform/i18n/index.ts';
import { PostForm } from '../../../ui/components/form.tsx';
import type { Queue } from '../service.ts';
import { Clock, Heading, type DeskBase } from './desk.tsx';

export function QueuePage(
  p: DeskBase & {
    queue: Queue | null;
    language: string | null;
    page: number;
    now: Date;
    onShift: boolean;
    canManage: boolean;
    intakeHref: string | null;
    members: Record<string, string>;
  },
) {
  const { t, locale, queue } = p;
  const here = `${p.base}/helpline`;
  if (!queue)
    return (
      <>
        <Heading p={p} title={t('cases.queue.title')} />
        <p class="lead">{t('cases.queue.none')}</p>
        {p.canManage && (
          <p>
            <a class="button" href={`${here}/settings`}>
              {t('cases.queue.start')}
            </a>
          </p>
        )}
      </>
    );
  const pages = Math.ceil(queue.total / 50);
  return (
    <>
      <Heading p={p} title={t('cases.queue.title')} />
      {p.intakeHref ? (
        <p>
          {t('cases.queue.address')} <code dir="ltr">{p.intakeHref}</code>
        </p>
      ) : (
        <p class="notice">{t('cases.queue.off')}</p>
      )}
      <div class="actions">
        <PostForm action={`${here}/shift`} csrf={p.csrf} class="inline">
          <input type="hidden" name="on" value={p.onShift ? '' : 'on'} />
          <button class="button" type="submit">
            {t(p.onShift ? 'cases.shift.end' : 'cases.shift.start')}
          </button>
        </PostForm>
        <span>{t(p.onShift ? 'cases.shift.on' : 'cases.shift.off')}</span>
        {p.canManage && <a href={`${here}/settings`}>{t('cases.settings.title')}</a>}
        <a href={`${here}/attainment`}>{t('cases.attainment.title')}</a>
      </div>
      <nav class="tabs" aria-label={t('cases.queue.languages')}>
        <ul>
          <li>
            <a href={here} {...(p.language === null ? { 'aria-current': 'page' as const } : {})}>
              {t('cases.queue.all')}
            </a>
          </li>
          {queue.languages.map((l) => (
            <li>
              <a
                href={`${here}?lang=${l.code}`}
                {...(p.language === l.code ? { 'aria-current': 'page' as const } : {})}
              >
                {languageName(locale, l.code)} ({l.open})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t('cases.queue.count', { n: queue.total })}</p>
      {queue.items.length > 0 && (
        <table class="data stack cases">
          <caption class="visually-hidden">{t('cases.queue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.queue.case')}</th>
              <th scope="col">{t('cases.queue.language')}</th>
              <th scope="col">{t('cases.queue.state')}</th>
              <th scope="col">{t('cases.queue.clock')}</th>
              <th scope="col">{t('cases.queue.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((c) => (
              <tr>
                <td>
                  <a href={`${here}/cases/${c.id}`}>
                    {t('cases.queue.opened', { at: formatDateTime(locale, new Date(c.openedAt)) })}
                  </a>
                  {c.referredFrom && (
                    <span class="meta"> · {t('cases.queue.referredFrom', { name: c.referredFrom.name })}</span>
                  )}
                </td>
                <td data-label={t('cases.queue.language')}>{languageName(locale, c.language)}</td>
                <td data-label={t('cases.queue.state')}>{t(`cases.state.${c.state}`)}</td>
                <td data-label={t('cases.queue.clock')}>
                  <Clock entry={c} target={queue.targetMinutes} now={p.now} t={t} />
                </td>
                <td data-label={t('cases.queue.assignee')}>
                  {c.assignee ? (p.members[c.assignee] ?? t('cases.queue.formerMember')) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label={t('cases.queue.pages')}>
          {p.page > 1 && (
            <a href={`${here}?${p.language ? `lang=${p.language}&` : ''}page=${p.page - 1}`}>
              {t('cases.queue.previous')}
            </a>
          )}{' '}
          {t('cases.queue.page', { page: p.page, pages })}{' '}
          {p.page < pages && (
            <a href={`${here}?${p.language ? `lang=${p.language}&` : ''}page=${p.page + 1}`}>{t('cases.queue.next')}</a>
          )}
        </nav>
      )}
    </>
  );
}
