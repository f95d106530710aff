/**
 * Coded errors, mapped to HTTP status and Dutch text in one place (plugins/error-pages.ts) and
 * to exit codes in the CLI. Messages are Dutch because users read them.
 */
export type ErrorCode =
  'NOT_FOUND' | 'BAD_REQUEST' | 'IMPORT_INVALID' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
    this.name = 'NotFoundError';
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'BadRequestError';
  }
}

/** Where in an input file a problem is. Lines and columns count from 1, as editors do. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** The field (column header, property or key) the problem is in. */
  field?: string;
}

export interface ImportProblem extends SourceLocation {
  message: string;
}

export function formatLocation(loc: SourceLocation): string {
  const parts = [loc.file];
  if (loc.line !== undefined) parts.push(`regel ${loc.line}`);
  if (loc.column !== undefined) parts.push(`kolom ${loc.column}`);
  if (loc.field !== undefined) parts.push(`veld "${loc.field}"`);
  return parts.join(', ');
}

/**
 * An import refused: nothing was written. Carries every problem found (capped), each with its
 * place, so a user can fix the file in one go.
 */
export class ImportValidationError extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    const first = problems[0];
    const summary = first ? `${formatLocation(first)}: ${first.message}` : 'onbekende fout';
    const more = problems.length > 1 ? ` (en nog ${problems.length - 1} problemen)` : '';
    super('IMPORT_INVALID', `Import geweigerd, er is niets veranderd. ${summary}${more}`);
    this.name = 'ImportValidationError';
  }
}
