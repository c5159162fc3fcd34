import fs from 'node:fs/promises';
import path from 'node:path';
import { OUTBOX_ID_PATTERN } from './outbox-transport';

/** One message in the outbox as the admin list shows it. */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  messageId: string;
  /** The Date header, or the file's time when it has none. */
  date: number;
  size: number;
}

/** The newest `limit` messages first. Only headers are read, so a big outbox lists quickly. */
export async function listOutbox(
  dir: string,
  limit: number,
): Promise<{ entries: OutboxEntry[]; total: number }> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter(
      (n) => n.endsWith('.eml') && OUTBOX_ID_PATTERN.test(n.slice(0, -4)),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0 };
    throw error;
  }
  const stats = await Promise.all(
    names.map(async (name) => ({ name, stat: await fs.stat(path.join(dir, name)).catch(() => null) })),
  );
  const newest = stats
    .filter((s): s is { name: string; stat: NonNullable<typeof s.stat> } => s.stat !== null)
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs || a.name.localeCompare(b.name))
    .slice(0, limit);
  const entries = await Promise.all(
    newest.map(async ({ name, stat }) => {
      const headers = parseHeaders(await readHead(path.join(dir, name)));
      const date = Date.parse(headers.get('date') ?? '');
      return {
        id: name.slice(0, -4),
        to: decodeWords(headers.get('to') ?? ''),
        subject: decodeWords(headers.get('subject') ?? ''),
        messageId: headers.get('message-id') ?? '',
        date: Number.isNaN(date) ? Math.round(stat.mtimeMs) : date,
        size: stat.size,
      };
    }),
  );
  entries.sort((a, b) => b.date - a.date || a.id.localeCompare(b.id));
  return { entries, total: stats.length };
}

/** The raw RFC 5322 message, or null when there is no such message. */
export async function readOutboxMessage(dir: string, id: string): Promise<Buffer | null> {
  if (!OUTBOX_ID_PATTERN.test(id)) return null;
  try {
    return await fs.readFile(path.join(dir, `${id}.eml`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(32 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const end = text.search(/\r?\n\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

/** Unfolds and splits a header block; the first occurrence of each name wins. */
export function parseHeaders(head: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim());
  }
  return out;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`), as nodemailer writes them. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?[^?]+\?[QqBb]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, charset: string, encoding: string, text: string) => {
      const raw =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                  String.fromCharCode(Number.parseInt(hex, 16)),
                ),
              'latin1',
            );
      const label = charset.toLowerCase().split('*')[0] ?? 'utf-8';
      try {
        return new TextDecoder(label).decode(raw);
      } catch {
        return raw.toString('utf8');
      }
    });
}
