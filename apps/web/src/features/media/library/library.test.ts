import type { Media } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import {
  cardStatus,
  createdLabel,
  durationBadge,
  filterRecordings,
  nameSelectionEnd,
  oneLine,
  titleOf,
  viewersLabel,
} from './library';

const media = (overrides: Partial<Media>): Media => ({
  id: 'm1',
  kind: 'video',
  source: 'recording',
  status: 'ready',
  progress: null,
  error: null,
  owner: { id: 'u1', name: 'Ana', avatarUrl: null },
  postId: null,
  title: '',
  mimeType: 'video/mp4',
  uploadedBytes: 0,
  sizeBytes: null,
  durationMs: null,
  width: null,
  height: null,
  playbackUrl: null,
  posterUrl: null,
  previewUrl: null,
  waveform: null,
  shareUrl: 'http://localhost/v/abc',
  recordingStoppedAt: null,
  createdAt: 0,
  ...overrides,
});

describe('recordings library helpers', () => {
  it('badges durations as m:ss, h:mm:ss, never 0:00 for a short clip', () => {
    expect(durationBadge(7_400)).toBe('0:07');
    expect(durationBadge(750_000)).toBe('12:30');
    expect(durationBadge(3_723_000)).toBe('1:02:03');
    expect(durationBadge(300)).toBe('0:01');
    expect(durationBadge(null)).toBeNull();
    expect(durationBadge(0)).toBeNull();
  });

  it('names untitled recordings', () => {
    expect(titleOf({ title: '  ' })).toBe('Untitled recording');
    expect(titleOf({ title: 'Demo' })).toBe('Demo');
  });

  it('says why a recording cannot be watched yet, nothing once ready', () => {
    expect(cardStatus(media({ status: 'ready', durationMs: 5000 }))).toBeNull();
    expect(cardStatus(media({ status: 'processing', progress: 41.6 }))).toBe('Processing 42%');
    expect(cardStatus(media({ status: 'failed', error: 'Not a video' }))).toBe('Failed: Not a video');
    expect(cardStatus(media({ status: 'uploading', source: 'upload', uploadedBytes: 2048 }))).toMatch(
      /^Uploading… 2 KB/,
    );
  });

  it('filters by kind and by every word of the query in title or transcript, accents ignored', () => {
    const all = [
      media({ id: 'a', kind: 'video', title: 'Quarterly démo' }),
      media({ id: 'b', kind: 'audio', title: '', transcriptExcerpt: 'The pelican banner is late' }),
      media({ id: 'c', kind: 'video', title: 'Banner review', transcriptExcerpt: null }),
    ];
    const ids = (list: Media[]) => list.map((m) => m.id);
    expect(ids(filterRecordings(all, { query: '', kind: 'all' }))).toEqual(['a', 'b', 'c']);
    expect(ids(filterRecordings(all, { query: '', kind: 'audio' }))).toEqual(['b']);
    expect(ids(filterRecordings(all, { query: '', kind: 'video' }))).toEqual(['a', 'c']);
    expect(ids(filterRecordings(all, { query: 'BANNER', kind: 'all' }))).toEqual(['b', 'c']);
    expect(ids(filterRecordings(all, { query: 'banner pelican', kind: 'all' }))).toEqual(['b']);
    expect(ids(filterRecordings(all, { query: 'demo', kind: 'all' }))).toEqual(['a']);
    expect(ids(filterRecordings(all, { query: 'untitled', kind: 'audio' }))).toEqual(['b']);
    expect(ids(filterRecordings(all, { query: 'banner', kind: 'video' }))).toEqual(['c']);
    expect(filterRecordings(all, { query: 'nothing like it', kind: 'all' })).toEqual([]);
  });

  it('dates a recording relative to now', () => {
    const now = Date.UTC(2025, 0, 10, 12);
    expect(createdLabel(now - 20_000, now)).toBe('just now');
    expect(createdLabel(now - 5 * 60_000, now)).toMatch(/5 minutes ago|5 min/);
    expect(createdLabel(now - 3 * 24 * 3600_000, now)).toMatch(/3 days ago/);
  });

  it('counts viewers on a ready recording, with when it was last watched', () => {
    const now = Date.UTC(2025, 0, 10, 12);
    const views = (people: number, linkViews: number, lastViewedAt: number | null) => ({
      people,
      linkViews,
      lastViewedAt,
    });
    expect(viewersLabel({ status: 'ready', views: views(2, 1, now - 2 * 3600_000) }, now)).toEqual({
      count: 3,
      text: '3 viewers',
      title: expect.stringMatching(/^Last watched 2 hours ago · 2 people, 1 through a share link$/),
    });
    expect(viewersLabel({ status: 'ready', views: views(1, 0, now - 10_000) }, now)).toMatchObject({
      text: '1 viewer',
      title: 'Last watched just now · 1 person',
    });
    expect(viewersLabel({ status: 'ready', views: views(0, 0, null) }, now)?.text).toBe('Not watched yet');
    expect(viewersLabel({ status: 'processing', views: views(0, 0, null) }, now)).toBeNull();
    expect(viewersLabel({ status: 'ready' }, now)).toBeNull();
  });

  it('collapses an excerpt to one line', () => {
    expect(oneLine('  Hello\n  there  ')).toBe('Hello there');
    expect(oneLine('   ')).toBeNull();
    expect(oneLine(null)).toBeNull();
  });
});

describe('nameSelectionEnd', () => {
  it("selects an upload's name without its file extension", () => {
    expect(nameSelectionEnd('Quarterly demo.mp4', 'upload')).toBe('Quarterly demo'.length);
    expect(nameSelectionEnd('interview.final.m4a', 'upload')).toBe('interview.final'.length);
  });

  it('selects everything when there is no extension to keep', () => {
    expect(nameSelectionEnd('Release 1.10', 'upload')).toBe(12);
    expect(nameSelectionEnd('.mp4', 'upload')).toBe(4);
    expect(nameSelectionEnd('Notes.mp4', 'recording')).toBe(9);
    expect(nameSelectionEnd('', 'upload')).toBe(0);
  });
});
