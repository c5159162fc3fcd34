import { ErrorCode } from '@tidings/contracts';

/**
 * Errors a use case may throw on purpose. The HTTP layer turns each into the JSON error shape
 * with its status; anything else is a bug and becomes a logged 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That') =>
  new AppError(404, ErrorCode.notFound, `${what} was not found, or you do not have access to it.`);

export const forbidden = (message: string) => new AppError(403, ErrorCode.forbidden, message);

export const unauthenticated = () => new AppError(401, ErrorCode.unauthenticated, 'Sign in to continue.');

export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(409, ErrorCode.conflict, message, fields);

export const invalid = (message: string, fields?: Record<string, string>) =>
  new AppError(400, ErrorCode.validationFailed, message, fields);
