import { describe, expect, it } from 'vitest';
import { decideRange, ifRangeAllows, noneMatch } from './range';
import { signedMediaPath, verifyMediaSignature } from './signing';

describe('range rules', () => {
  it('reads single ranges and refuses what cannot be satisfied', () => {
    expect(decideRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=0-', 10)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(decideRange('bytes=-3', 10)).toEqual({ kind: 'partial', start: 7, end: 9 });
    expect(decideRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=1-2, 4-5', 10)).toEqual({ kind: 'full' });
  });

  it('compares entity tags weakly for If-None-Match and strongly for If-Range', () => {
    expect(noneMatch('W/"a", "b"', '"a"')).toBe(true);
    expect(noneMatch('*', '"a"')).toBe(true);
    expect(noneMatch('"c"', '"a"')).toBe(false);
    expect(ifRangeAllows('W/"a"', '"a"', 0)).toBe(false);
    expect(ifRangeAllows('"a"', '"a"', 0)).toBe(true);
    expect(ifRangeAllows('not a date', '"a"', 0)).toBe(false);
  });
});

describe('media URL signatures', () => {
  const key = Buffer.alloc(32, 7);
  const claims = { mediaId: 'm1', variant: 'playable' as const, userId: 'u1', exp: 2_000_000_000 };
  const sigOf = (path: string) => new URL(path, 'http://x').searchParams.get('sig') ?? undefined;

  it('accepts its own signature until the expiry, and nothing else', () => {
    const sig = sigOf(signedMediaPath(key, claims));
    expect(verifyMediaSignature(key, claims, sig, 1_000)).toBe('ok');
    expect(verifyMediaSignature(key, claims, sig, claims.exp * 1000)).toBe('expired');
    expect(verifyMediaSignature(key, { ...claims, userId: 'u2' }, sig, 1_000)).toBe('bad_signature');
    expect(verifyMediaSignature(Buffer.alloc(32, 8), claims, sig, 1_000)).toBe('bad_signature');
    expect(verifyMediaSignature(key, { ...claims, exp: Number.NaN }, sig, 1_000)).toBe('bad_signature');
    expect(verifyMediaSignature(key, claims, undefined, 1_000)).toBe('bad_signature');
  });
});
