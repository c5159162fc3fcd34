import { z } from 'zod';
import { SessionInfo } from './accounts';
import { EpochMs, Id } from './common';
import { Person } from './person';

/**
 * People outside the workspace ("outsiders"): addressed by email, they read and reply through a
 * private link that is their identity for one thread.
 */

const SIMPLE_EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** `ann@x.com` or `Ann Lee <ann@x.com>` → name (or null) and lower-cased address; null if neither. */
export function parseAddress(input: string): { name: string | null; email: string } | null {
  const text = input.trim();
  const angled = /^(.*)<([^<>]+)>$/.exec(text);
  const email = (angled ? (angled[2] ?? '') : text).trim().toLowerCase();
  if (email.length > 254 || !SIMPLE_EMAIL.test(email)) return null;
  const name = angled
    ? (angled[1] ?? '')
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim()
    : '';
  return { name: name.length > 0 ? name.slice(0, 100) : null, email };
}

/** One address as typed in the recipients field. */
export const RecipientEmail = z
  .string()
  .trim()
  .max(400)
  .refine((s) => parseAddress(s) !== null, {
    message: 'Enter an email address like ann@example.com or Ann Lee <ann@example.com>',
  });

export const RecipientEmails = z
  .array(RecipientEmail)
  .max(50, { message: 'Address at most 50 email addresses at once' })
  .default([]);

export const RedeemLinkRequest = z.object({ token: z.string().min(1).max(200) });
export const RedeemLinkAnswer = z.object({ session: SessionInfo, threadId: Id });
export type RedeemLinkAnswer = z.infer<typeof RedeemLinkAnswer>;

/** What an outsider's web app needs about them: the threads they were invited to, and by whom. */
export const OutsiderContext = z.object({
  invitations: z.array(z.object({ threadId: Id, invitedBy: Person.nullable() })),
});
export type OutsiderContext = z.infer<typeof OutsiderContext>;

/** An outsider as the members of a thread see them in its header. */
export const Outsider = z
  .object({
    person: Person,
    email: z.string(),
    invitedBy: Person.nullable(),
    lastUsedAt: EpochMs.nullable().describe('When they last opened their private link'),
  })
  .meta({ id: 'Outsider' });
export type Outsider = z.infer<typeof Outsider>;
export const OutsiderList = z.object({ outsiders: z.array(Outsider) });
export type OutsiderList = z.infer<typeof OutsiderList>;

export const OutsiderParams = z.object({ id: Id, userId: Id });
export const PrivateLink = z.object({ url: z.string() });
export type PrivateLink = z.infer<typeof PrivateLink>;
