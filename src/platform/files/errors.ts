// What can go wrong with an evidence file, each with the catalog key of what the person is told.
import { AppError } from '../errors.ts';

/** Larger than the upload limit; nothing of it is kept. */
export class FileTooLargeError extends AppError {
  override name = 'FileTooLargeError';
  override readonly status: number = 413;
  override readonly messageKey: string = 'evidence.error.tooLarge';
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}

/** Not an accepted kind of file by its content, or its declared type or name says another. */
export class FileTypeError extends AppError {
  override name = 'FileTypeError';
  override readonly status: number = 415;
  override readonly messageKey: string = 'evidence.error.type';
}

/** A stored file that does not open: changed, cut short, moved to another record, or another key. */
export class FileDamagedError extends AppError {
  override name = 'FileDamagedError';
  override readonly status: number = 500;
  override readonly messageKey: string = 'evidence.error.damaged';
}

/** A copy to publish whose metadata cannot be removed: it must not be published. */
export class CannotStripError extends AppError {
  override name = 'CannotStripError';
  override readonly status: number = 422;
  override readonly messageKey: string = 'evidence.error.cannotStrip';
}
