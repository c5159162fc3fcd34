/** A failed API call: the server's `{error:{code,message,fields}}`, or a network/parse failure. */
export class ApiRequestError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Stable machine-readable code such as `validation_failed`, `invalid_credentials`, `network_error`. */
  readonly code: string;
  /** Per-field messages keyed by dotted path (`email`, `timeZone`, `members.0.role`). */
  readonly fields: Readonly<Record<string, string>>;

  constructor(init: { status: number; code: string; message: string; fields?: Record<string, string> }) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
  }
}

/**
 * True when the session is gone (expired, signed out elsewhere). A 401 for wrong credentials on
 * sign-in is an answer to the form, not a lost session.
 */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401 && error.code !== 'invalid_credentials';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}

/** A sentence for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Something went wrong. Try again in a moment.';
}
