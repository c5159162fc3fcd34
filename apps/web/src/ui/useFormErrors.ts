import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from '../api/errors';

export interface FormErrors {
  /** A message for the whole form, shown in an alert above the submit button. */
  message: string | null;
  /** Per-field messages keyed by dotted path, as the API sends them. */
  fields: Record<string, string>;
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** The shape of a zod `safeParse` result; the contracts' schemas validate forms before sending. */
interface Validator<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T; error?: undefined } | { success: false; error: { issues: readonly Issue[] } };
}

const none: FormErrors = { message: null, fields: {} };

function fromIssues(issues: readonly Issue[]): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  return { message: fields[''] ?? null, fields };
}

function fromError(error: unknown): FormErrors {
  if (error instanceof ApiRequestError) {
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(error.fields)) fields[path.replace(/^body\./, '')] = message;
    return { message: error.message, fields };
  }
  return { message: errorMessage(error), fields: {} };
}

/**
 * Error state for one form: validates with a contract schema, takes API errors, and after every
 * failed attempt moves focus to the first invalid field.
 */
export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(none);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const show = useCallback((next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  }, []);

  const fail = useCallback((error: unknown) => show(fromError(error)), [show]);
  const clear = useCallback(() => setErrors(none), []);

  const validate = useCallback(
    <T>(schema: Validator<T>, values: unknown): T | null => {
      const result = schema.safeParse(values);
      if (result.success) {
        setErrors(none);
        return result.data;
      }
      show(fromIssues(result.error.issues));
      return null;
    },
    [show],
  );

  return { formRef, errors, field: (path: string) => errors.fields[path], fail, clear, validate };
}
