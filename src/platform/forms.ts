// Turns zod issues into per-field, translatable problems for forms that re-render with 422.
import type { z } from 'zod';
import type { Context } from 'hono';
import type { AppEnv } from './http/env.ts';
import { multipartBoundary, streamMultipart, type FilePart } from './http/multipart.ts';
import { CSRF_FIELD, requireFormToken } from './security/csrf.ts';
import { ValidationError, type Problem, type Problems } from './errors.ts';

export function toProblem(issue: z.core.$ZodIssue): Problem {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? { key: 'validation.required' }
        : issue.origin === 'string'
          ? { key: 'validation.tooShort', values: { min: Number(issue.minimum) } }
          : { key: 'validation.choice' };
    case 'too_big':
      return { key: 'validation.tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'validation.email' : 'validation.url' };
    case 'invalid_value':
      // zod leaves the input out of its issues: a value outside the options, empty or not, asks for a choice.
      return { key: 'validation.choice' };
    case 'invalid_type':
      return { key: 'validation.required' };
    case 'custom':
      return { key: issue.message };
    default:
      return { key: 'validation.choice' };
  }
}

/** The first problem of each field, keyed by the field name. */
export function formProblems(error: z.ZodError): Problems {
  const problems: Problems = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    problems[field] ??= toProblem(issue);
  }
  return problems;
}

/** Reads a urlencoded or multipart form into strings and string arrays (repeated names). */
export function formFields(body: Record<string, string | File | (string | File)[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    const key0 = key.endsWith('[]') ? key.slice(0, -2) : key;
    out[key0] = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? value
        : '';
  }
  return out;
}

/** The request's form fields. A body that cannot be read as a form (a broken multipart) is a 400, not a crash. */
export async function readForm(c: Context): Promise<Record<string, string | string[]>> {
  let body: Awaited<ReturnType<Context['req']['parseBody']>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new ValidationError({ body: { key: 'validation.unreadableForm' } });
  }
  return formFields(body);
}

/**
 * What a service takes before validating it with its schema: the fields the schema reads, each of any
 * value (a form's strings, a test's or the CLI's literals).
 */
export type RawInput<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown };

/**
 * A multipart upload read as it arrives (a route app.ts marks `streamedBody`): the fields before the file
 * are checked as every form is (no NUL; the CSRF token when the request did not prove its origin), then
 * `onFile` gets them and the file's bytes. Undefined `result` when the form holds no file.
 */
export async function streamForm<T>(
  c: Context<AppEnv>,
  onFile: (fields: Record<string, string>, file: FilePart, bytes: AsyncIterable<Buffer>) => Promise<T>,
): Promise<{ fields: Record<string, string>; result: T | undefined }> {
  const boundary = multipartBoundary(c.req.header('content-type') ?? '');
  if (!c.var.streamedBody || !boundary || !c.req.raw.body)
    throw new ValidationError({ body: { key: 'validation.unreadableForm' } });
  const check = (fields: Record<string, string>) => {
    if (Object.entries(fields).some(([name, value]) => name.includes('\0') || value.includes('\0')))
      throw new ValidationError({ form: { key: 'validation.nulCharacter' } });
    if (c.var.csrfPending) requireFormToken(c, fields[CSRF_FIELD]);
  };
  const read = await streamMultipart(c.req.raw.body, boundary, (fields, file, bytes) => {
    check(fields);
    return onFile(fields, file, bytes);
  });
  if (read.result === undefined) check(read.fields);
  return read;
}
