import { describe, expect, it } from 'vitest';
import { attachmentKind } from './attachment-kind';

const bytes = (head: string | number[], pad = 64) =>
  Buffer.concat([
    typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head),
    Buffer.alloc(pad),
  ]);

describe('attachment kind by its bytes', () => {
  it.each([
    ['an m4a', bytes('\0\0\0\x20ftypM4A \0\0\0\0'), 'application/octet-stream', 'audio'],
    ['an mp4', bytes('\0\0\0\x20ftypisom\0\0\0\0'), 'video/mp4', 'video'],
    ['a HEIC photo', bytes('\0\0\0\x18ftypheic\0\0\0\0'), 'image/heic', 'file'],
    ['a WebM voice note', bytes([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8]), 'audio/webm', 'audio'],
    ['an Ogg file', bytes('OggS\0\x02\0\0\0\0\0\0'), 'application/ogg', 'audio'],
    ['a WAV', bytes('RIFF\x24\0\0\0WAVEfmt '), 'audio/wav', 'audio'],
    ['an MP3 with ID3', bytes('ID3\x04\0\0\0\0\0\0\0\0'), 'audio/mpeg', 'audio'],
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf', 'file'],
    ['a PDF renamed .m4a', bytes('%PDF-1.7\n1 0 obj\n<<>>\n'), 'audio/mp4', 'file'],
    ['a text file', Buffer.from('hello there, this is plain text\n'.repeat(4)), 'audio/mpeg', 'file'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'image/jpeg', 'file'],
  ])('%s', (_name, content, declared, expected) => {
    expect(attachmentKind(content, declared)).toBe(expected);
  });
});
