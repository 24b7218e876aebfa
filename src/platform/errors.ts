// One error model. Services throw these for the unexpected and for access; expected form problems
// come back as results ({ ok: false, problems }) instead. app.ts maps each to a status and a page.

export type Problems = Record<string, string>;

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
        .map(([k, v]) => `${k}: ${v}`)
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

/** A form field's problem as a catalog key and its values, so it is shown in the reader's language. */
export interface FieldProblem {
  key: string;
  values?: Record<string, string | number>;
}
export type FormProblems = Record<string, FieldProblem>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; problems: FormProblems };
