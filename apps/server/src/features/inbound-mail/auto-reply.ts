/**
 * Mail no person wrote: out-of-office answers, vacation responders, bounces. Accepted (so the
 * sending server neither retries nor bounces back to us) and never posted. Pure.
 */
export interface MailSignals {
  /** Envelope MAIL FROM; '' for the null sender `<>` bounces use. */
  envelopeFrom: string;
  subject: string;
  /** Lower-cased header names to their raw values. */
  header: (name: string) => string | undefined;
  /** e.g. 'multipart/report' and its report-type parameter. */
  contentType: string;
  reportType: string | undefined;
}

const AUTO_SUBJECT =
  /^\s*(automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office|away from (the )?office|on vacation|vacation reply|abwesenheitsnotiz|réponse automatique|respuesta automática|undeliver(able|ed)|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail)\b/i;

/** Why this mail is automatic, or null when a person wrote it. */
export function automaticReason(mail: MailSignals): string | null {
  if (mail.envelopeFrom === '') return 'null envelope sender (a bounce)';
  if (mail.contentType === 'multipart/report' && mail.reportType?.toLowerCase() === 'delivery-status') {
    return 'delivery status notification';
  }
  const autoSubmitted = mail.header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = mail.header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) {
    return `Precedence: ${precedence}`;
  }
  if (mail.header('x-autoreply') !== undefined) return 'X-Autoreply';
  if (mail.header('x-autorespond') !== undefined) return 'X-Autorespond';
  const suppress = mail.header('x-auto-response-suppress')?.toLowerCase() ?? '';
  // Outlook marks its own automatic answers so others do not answer them in turn.
  if (/\b(oof|all)\b/.test(suppress) && AUTO_SUBJECT.test(mail.subject)) {
    return `X-Auto-Response-Suppress: ${suppress}`;
  }
  if (AUTO_SUBJECT.test(mail.subject)) return `subject "${mail.subject.slice(0, 60)}"`;
  return null;
}
