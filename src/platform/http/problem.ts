import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problems } from '../errors.ts';
import { translator } from '../i18n/index.ts';

const english = translator('en');

/** An RFC 9457 problem document. `errors` names each bad parameter. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  problems?: Problems,
): Response {
  const body = {
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(problems
      ? { errors: Object.entries(problems).map(([parameter, p]) => ({ parameter, detail: english(p.key, p.values) })) }
      : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json; charset=utf-8' });
}
