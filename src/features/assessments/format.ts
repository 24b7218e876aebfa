// How the assessment slices write figures and text out: a figure in the reader's number format, and
// text escaped for the Markdown exports (of an assessment, of the plan).
import { formatNumber, type Locale } from '../../platform/i18n/index.ts';

/** A figure (a risk, a threat level) rounded to two decimals, in the reader's number format. */
export const n = (locale: Locale, x: number) => formatNumber(locale, Math.round(x * 100) / 100);

/** Text that Markdown shows as written: its markup characters escaped. */
export const md = (s: string) => s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
