// The inputs of the country pages: a country code in the path, and the countries to compare.
import { z } from 'zod';
import type { Result } from '../../platform/errors.ts';
import { problem } from '../../platform/errors.ts';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/)
  .transform((s) => s.toUpperCase());

/** The `c` parameters of the comparison: empty choices dropped, upper-cased, each country once. */
export function parseCompared(values: string[]): Result<string[]> {
  const picked = values.filter((v) => v.trim() !== '');
  const parsed = z.array(code).safeParse(picked);
  if (!parsed.success) return { ok: false, problems: problem('c', 'countries.compare.badCode') };
  const codes = [...new Set(parsed.data)];
  if (codes.length === 0) return { ok: true, value: [] };
  if (codes.length < MIN_COMPARED || codes.length > MAX_COMPARED)
    return {
      ok: false,
      problems: problem('c', 'countries.compare.count', { min: MIN_COMPARED, max: MAX_COMPARED }),
    };
  return { ok: true, value: codes };
}
