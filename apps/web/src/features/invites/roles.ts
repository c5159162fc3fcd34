import type { Role } from '@tidings/contracts';

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  guest: 'Guest',
  external: 'Outsider',
};

export const roleDescriptions: Record<Exclude<Role, 'owner' | 'external'>, string> = {
  admin: 'Can invite people and manage members and settings.',
  member: 'Can start threads and join spaces.',
  guest: 'Sees only the spaces and threads they are added to.',
};

/** "an admin", "a member", "a guest". */
export function withArticle(role: Role): string {
  const label = roleLabels[role].toLowerCase();
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}
