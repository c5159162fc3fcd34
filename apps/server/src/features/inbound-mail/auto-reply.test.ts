import { describe, expect, it } from 'vitest';
import { automaticReason, type MailSignals } from './auto-reply';

const mail = (overrides: Partial<MailSignals> & { headers?: Record<string, string> } = {}): MailSignals => ({
  envelopeFrom: 'ann@x.com',
  subject: 'Re: Launch plan',
  contentType: 'multipart/alternative',
  reportType: undefined,
  header: (name) => overrides.headers?.[name],
  ...overrides,
});

describe('automatic mail', () => {
  it.each([
    ['a bounce (null sender)', mail({ envelopeFrom: '' })],
    ['a DSN', mail({ contentType: 'multipart/report', reportType: 'delivery-status' })],
    ['Auto-Submitted: auto-replied', mail({ headers: { 'auto-submitted': 'auto-replied' } })],
    ['Precedence: bulk', mail({ headers: { precedence: 'bulk' } })],
    ['Precedence: auto_reply', mail({ headers: { precedence: 'auto_reply' } })],
    ['X-Autoreply', mail({ headers: { 'x-autoreply': 'yes' } })],
    ['X-Autorespond', mail({ headers: { 'x-autorespond': 'vacation' } })],
    [
      'an Outlook out-of-office',
      mail({ subject: 'Automatic reply: Launch plan', headers: { 'x-auto-response-suppress': 'All' } }),
    ],
    ['"Out of Office:" subject', mail({ subject: 'Out of Office: Launch plan' })],
  ])('recognises %s', (_name, signals) => {
    expect(automaticReason(signals)).not.toBeNull();
  });

  it.each([
    ['a plain reply', mail()],
    ['Auto-Submitted: no', mail({ headers: { 'auto-submitted': 'no' } })],
    ['a reply whose subject mentions the office', mail({ subject: 'Re: Out of office plans for December' })],
  ])('lets %s through', (_name, signals) => {
    expect(automaticReason(signals)).toBeNull();
  });
});
