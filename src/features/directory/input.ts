// Search parameters, shared by the HTML pages and the API. Every state is a plain GET URL.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { problem, type Problems } from '../../platform/errors.ts';
import { toProblem } from '../../platform/forms.ts';
import { mechanismSchema, type Mechanism } from './schema.ts';
import type { Filters } from './search.ts';
import { KINDS, REGIONS, SERVES, THEMES } from './taxonomy.ts';

const list = <T extends z.ZodType>(item: T) => z.array(item).max(30).default([]);
const flag = z
  .enum(['1', 'true', 'on', '0', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'on');

/** Query parameters; repeat a list parameter (`kind=a&kind=b`) or separate values with commas. */
export const searchQuerySchema = z
  .object({
    q: z
      .string()
      .max(200)
      .default('')
      .describe(
        'Words to find in the name, operator, summary or how-to-reach text (any language), or words meaning the same need',
      ),
    kind: list(z.enum(KINDS)).describe('Type of support (any of)'),
    serves: list(z.enum(SERVES)).describe('Who it serves (any of)'),
    theme: list(z.enum(THEMES)).describe('Theme (any of)'),
    region: list(z.enum(REGIONS)).describe('Region served (any of); global mechanisms match every region'),
    lang: list(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code')).describe('Language (any of)'),
    alwaysOn: flag.describe('Only mechanisms open 24/7'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

/** The HTML pages ignore parameters they do not know (zod rebuilds a schema on every .strip()). */
const htmlQuerySchema = searchQuerySchema.strip();

const LIST_PARAMS = new Set(['kind', 'serves', 'theme', 'region', 'lang']);
export const HTML_PAGE_SIZE = 30;

export type ParsedSearch =
  { ok: true; filters: Filters; page: { limit: number; offset: number } } | { ok: false; problems: Problems };

function rawParams(params: URLSearchParams, ignore: Set<string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    if (ignore.has(name)) continue;
    raw[name] = LIST_PARAMS.has(name)
      ? params
          .getAll(name)
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean)
      : params.get(name);
  }
  return raw;
}

function toFilters(data: z.output<typeof searchQuerySchema>): Filters {
  return {
    q: data.q,
    kinds: data.kind,
    serves: data.serves,
    themes: data.theme,
    regions: data.region,
    languages: data.lang,
    alwaysOn: data.alwaysOn,
  };
}

/** API: unknown or bad parameters are reported by name. */
export function parseApiSearch(params: URLSearchParams): ParsedSearch {
  const result = searchQuerySchema.safeParse(rawParams(params, new Set()));
  if (!result.success) {
    const problems: Problems = {};
    for (const issue of result.error.issues) {
      const name = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? 'query');
      problems[name] ??= issue.code === 'unrecognized_keys' ? { key: 'validation.unknownParameter' } : toProblem(issue);
    }
    return { ok: false, problems };
  }
  return { ok: true, filters: toFilters(result.data), page: { limit: result.data.limit, offset: result.data.offset } };
}

export interface HtmlSearch {
  filters: Filters;
  page: { limit: number; offset: number };
  pageNumber: number;
  /** Parameters whose values were not understood and were left out (an old or mistyped link). */
  ignored: string[];
}

/**
 * HTML pages are numbered and forgiving: a link with an unknown filter value still shows results,
 * without that value, and the page says what it left out.
 */
export function parseHtmlSearch(params: URLSearchParams): HtmlSearch {
  const raw = rawParams(params, new Set(['page', 'limit', 'offset']));
  const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const ignored = new Set<string>();
  let result = htmlQuerySchema.safeParse(raw);
  for (let tries = 0; !result.success && tries < 10; tries++) {
    for (const issue of [...result.error.issues].reverse()) {
      const [name, index] = issue.path;
      const value = raw[String(name)];
      ignored.add(String(name));
      if (Array.isArray(value) && typeof index === 'number') value.splice(index, 1);
      else delete raw[String(name)];
    }
    result = htmlQuerySchema.safeParse(raw);
  }
  const data = result.success ? result.data : htmlQuerySchema.parse({});
  return {
    filters: toFilters(data),
    page: { limit: HTML_PAGE_SIZE, offset: (pageNumber - 1) * HTML_PAGE_SIZE },
    pageNumber,
    ignored: [...ignored],
  };
}

/** The query string for a filter state, used for links that add or remove one filter. */
export function filtersToQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  for (const v of filters.kinds) params.append('kind', v);
  for (const v of filters.serves) params.append('serves', v);
  for (const v of filters.themes) params.append('theme', v);
  for (const v of filters.regions) params.append('region', v);
  for (const v of filters.languages) params.append('lang', v);
  if (filters.alwaysOn) params.set('alwaysOn', '1');
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A record as a curator typed it in YAML, checked by the same schema as the data files. Problems are
 * by field (its path in the record); the schema's or the YAML parser's own words travel as `detail`.
 * The YAML library's warnings (which quote the text) are never printed: only their codes come back, for the log.
 */
export function parseRecordYaml(
  yaml: string,
  id: string,
  version: number,
): { ok: true; record: Mechanism; warnings: string[] } | { ok: false; problems: Problems; warnings: string[] } {
  const document = parseDocument(yaml, { logLevel: 'silent' });
  const warnings = document.warnings.map((w) => w.code);
  const notYaml = (error: Error) => ({
    ok: false as const,
    problems: problem('yaml', 'validation.yaml', { detail: error.message.split('\n')[0]! }),
    warnings,
  });
  if (document.errors.length > 0) return notYaml(document.errors[0]!);
  let doc: unknown;
  try {
    doc = document.toJS();
  } catch (error) {
    return notYaml(error as Error);
  }
  const fields = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {};
  const parsed = mechanismSchema.safeParse({ ...fields, id, version });
  if (!parsed.success) {
    const problems: Problems = {};
    for (const issue of parsed.error.issues)
      problems[issue.path.join('.') || 'record'] ??= {
        key: 'validation.recordFormat',
        values: { detail: issue.message },
      };
    return { ok: false, problems, warnings };
  }
  return { ok: true, record: parsed.data, warnings };
}
