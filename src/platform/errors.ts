// One error model. Services throw these for the unexpected and for access. Expected failures (a form
// to correct, a wrong code) come back as a Result instead. app.ts maps each error to a status and a page;
// the CLI prints the same problems, translated.

/** What is wrong with one field, as a catalog key and its values, so it is shown in the reader's language. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}
/** Problems by field name (`_form` for the form as a whole). */
export type Problems = Record<string, Problem>;

/** The one shape of an expected failure, from services to routes and the CLI. */
export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problems; retryAfterSeconds?: number };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = (
  problems: Problems,
  retryAfterSeconds?: number,
): { ok: false; problems: Problems; retryAfterSeconds?: number } =>
  retryAfterSeconds === undefined ? { ok: false, problems } : { ok: false, problems, retryAfterSeconds };
/** One field's problem: `problem('email', 'validation.email')`. */
export const problem = (field: string, key: string, values?: Problem['values']): Problems => ({
  [field]: values ? { key, values } : { key },
});

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number = 500;
  /** A catalog key for the message shown to a person. */
  readonly messageKey: string = 'error.generic';
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  override readonly status: number = 404;
  override readonly messageKey: string = 'error.notFound';
}

/** Nobody is signed in: pages send the person to sign in, the API answers 401. */
export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  override readonly status: number = 401;
  override readonly messageKey: string = 'error.signInNeeded';
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  override readonly status: number = 403;
  override readonly messageKey: string = 'error.forbidden';
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  override readonly status: number = 400;
  override readonly messageKey: string = 'error.badRequest';
  constructor(readonly problems: Problems) {
    super(
      Object.entries(problems)
        .map(([field, p]) => `${field}: ${p.key}`)
        .join('; '),
    );
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  override readonly status: number = 409;
  override readonly messageKey: string = 'error.conflict';
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  override readonly status: number = 429;
  override readonly messageKey: string = 'error.rateLimited';
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}
