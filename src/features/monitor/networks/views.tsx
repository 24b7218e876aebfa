// A member organisation's networks: create one, join one with a code, and see a network's combined
// picture (its map, the same counts as a table, and the shared events with who shared them).
import { raw } from 'hono/html';
import type { Problems } from '../../../platform/errors.ts';
import { countryName, sortCountries } from '../../../platform/i18n/index.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { worldMapSvg } from '../../../ui/world-map.ts';
import { labelOf } from '../vocabulary.ts';
import type { MonitorBase } from '../views/list.tsx';
import { DateRange } from '../views/parts.tsx';
import type { Network, SharedEvent } from './service.ts';

export function NetworksPage(
  p: MonitorBase & { networks: Network[]; canManage: boolean; csrf: string; values: FormValues; problems: Problems },
) {
  const { t, base } = p;
  return (
    <>
      <p>
        <a href={`${base}/monitor`}>{t('monitor.back')}</a>
      </p>
      <h1>{t('monitor.network.title')}</h1>
      <p>{t('monitor.network.intro')}</p>
      <ErrorSummary problems={p.problems} t={t} />
      {p.networks.length === 0 ? (
        <p>{t('monitor.network.none')}</p>
      ) : (
        <ul>
          {p.networks.map((n) => (
            <li>
              <a href={`${base}/monitor/networks/${n.id}`}>{n.name}</a>
            </li>
          ))}
        </ul>
      )}
      {p.canManage && (
        <>
          <h2>{t('monitor.network.create')}</h2>
          <PostForm action={`${base}/monitor/networks`} csrf={p.csrf}>
            <TextField
              name="name"
              label={t('monitor.network.name')}
              max={120}
              values={p.values}
              problems={p.problems}
              t={t}
            />
            <button type="submit" class="button">
              {t('monitor.network.create')}
            </button>
          </PostForm>
          <h2>{t('monitor.network.join')}</h2>
          <PostForm action={`${base}/monitor/networks/join`} csrf={p.csrf}>
            <TextField
              name="code"
              label={t('monitor.network.code')}
              hint={t('monitor.network.code.hint')}
              max={64}
              autocomplete="off"
              values={p.values}
              problems={p.problems}
              t={t}
            />
            <button type="submit" class="button">
              {t('monitor.network.join')}
            </button>
          </PostForm>
        </>
      )}
    </>
  );
}

export function NetworkPage(
  p: MonitorBase & { network: Network; events: SharedEvent[]; canManage: boolean; csrf: string; code: string | null },
) {
  const { t, locale, base, vocabulary } = p;
  const counts = new Map<string, number>();
  for (const e of p.events) counts.set(e.country, (counts.get(e.country) ?? 0) + 1);
  const svg = worldMapSvg(counts, {
    title: t('monitor.network.mapTitle', { network: p.network.name }),
    describe: (iso, count) => `${countryName(locale, iso)}: ${t('monitor.search.count', { count })}`,
  });
  return (
    <>
      <p>
        <a href={`${base}/monitor/networks`}>{t('monitor.network.title')}</a>
      </p>
      <h1>{p.network.name}</h1>
      {p.code && (
        <div class="notice" role="status">
          <p>{t('monitor.network.codeOnce')}</p>
          <p class="secret" dir="ltr">
            <code>{p.code}</code>
          </p>
        </div>
      )}
      {p.canManage && !p.code && (
        <PostForm action={`${base}/monitor/networks/${p.network.id}/invite`} csrf={p.csrf}>
          <button type="submit" class="button secondary">
            {t('monitor.network.invite')}
          </button>
        </PostForm>
      )}
      <figure class="world-map-figure">{raw(svg)}</figure>
      <table class="figures">
        <caption>{t('monitor.public.tableCaption')}</caption>
        <tbody>
          {sortCountries(locale, [...counts.keys()]).map((iso) => (
            <tr>
              <th scope="row">{countryName(locale, iso)}</th>
              <td>{counts.get(iso)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('monitor.search.count', { count: p.events.length })}</h2>
      <ol class="events">
        {p.events.map((e) => (
          <li>
            <strong>
              {e.title ?? e.acts.map((a) => labelOf(vocabulary, 'violations', a.type, locale)).join(', ')}
            </strong>
            <p class="meta">
              <DateRange start={e.start} end={e.end} locale={locale} /> · {countryName(locale, e.country)}
              {e.region ? `, ${e.region}` : ''} · {t('monitor.network.from', { org: e.from })}
            </p>
            {e.description && <p>{e.description}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}
