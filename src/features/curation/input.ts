// The curator's forms, read from the request. Their values are checked by the services that act on
// them (a record's fields by the directory's schema), so these only give each field its shape.
import { z } from 'zod';

/** A set of checkboxes: none ticked means "not given", and the suggestion's own choice stays. */
const chosen = z.preprocess((v) => (Array.isArray(v) ? v : v ? [v] : undefined), z.array(z.string()).optional());
/** One text field; absent or repeated reads as empty. */
const text = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** Approving a new resource completes what the sender left out. */
export const approveFormSchema = z.object({
  kinds: chosen,
  serves: chosen,
  regions: chosen,
  summaryEn: z.preprocess((v) => (typeof v === 'string' && v ? v : undefined), z.string().optional()),
});
export const mergeFormSchema = z.object({ mechanism: text });
export const rejectFormSchema = z.object({ reason: text });
export const editFormSchema = z.object({ yaml: text });
/** The freshness queue's one-step marks (CHECK_MARKS in the directory service). */
export const markFormSchema = z.object({ mark: z.enum(['checked', 'paused', 'closed']) });
