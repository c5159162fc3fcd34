import { describe, expect, it } from 'vitest';
import { safeNext, signInPath } from './navigation';

describe('safeNext', () => {
  it('keeps same-site paths', () => {
    expect(safeNext('/settings/members?tab=1')).toBe('/settings/members?tab=1');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
    expect(safeNext(null)).toBe('/');
  });
});

describe('signInPath', () => {
  it('carries where the person was going', () => {
    expect(signInPath('/settings/tokens')).toBe('/sign-in?next=%2Fsettings%2Ftokens');
    expect(signInPath('/')).toBe('/sign-in');
  });
});
