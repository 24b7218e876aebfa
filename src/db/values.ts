// Dialect differences in values, normalised in one place.

export function readDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function readOptionalDate(value: string | Date | null): Date | null {
  return value === null ? null : readDate(value);
}

/** pg returns jsonb parsed; SQLite returns the text. */
export function readJson<T>(value: string | object): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}

export function writeDate(value: Date): string {
  return value.toISOString();
}
