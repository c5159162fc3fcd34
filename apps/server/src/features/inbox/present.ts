import type { Person } from '@tidings/contracts';

/** How long an inbox excerpt may be, in characters. */
export const EXCERPT_CHARS = 140;

export const DELETED_EXCERPT = 'This message was deleted';

/** A person as the API shows them next to content: name and avatar, nothing more. */
export function personFrom(row: {
  id: string;
  name: string;
  avatarKey: string | null;
  updatedAt: number;
}): Person {
  return {
    id: row.id,
    name: row.name,
    // Same URL as presentUser: the version parameter busts caches when the avatar changes.
    avatarUrl: row.avatarKey ? `/api/users/${row.id}/avatar?v=${row.updatedAt}` : null,
  };
}

/** The first words of a post as one line, cut at a word boundary with an ellipsis. */
export function excerptOf(text: string, deleted: boolean): string {
  if (deleted) return DELETED_EXCERPT;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT_CHARS) return line;
  const cut = line.slice(0, EXCERPT_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
