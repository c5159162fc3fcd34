import { parseAddress } from '@tidings/contracts';
import type { Recipient } from './RecipientsPicker';

/**
 * The typed addresses among the recipients, split as the server will treat them: members' own
 * addresses are those members; every other one is someone outside the workspace, emailed.
 */
export function splitTypedEmails(recipients: Recipient[], memberIdByEmail: Map<string, string>) {
  const memberIds: string[] = [];
  const outsiders: { name: string; email: string }[] = [];
  for (const r of recipients) {
    if (r.kind !== 'email') continue;
    const address = parseAddress(r.id);
    if (!address) continue;
    const memberId = memberIdByEmail.get(address.email);
    if (memberId) memberIds.push(memberId);
    else if (!outsiders.some((o) => o.email === address.email)) {
      outsiders.push({ name: address.name ?? address.email, email: address.email });
    }
  }
  return { memberIds, outsiders };
}
