import { describe, expect, it } from 'vitest';
import {
  downloadName,
  FRAME_S,
  nextVoiceSpeed,
  playerKeyAction,
  remainingClock,
  stepSpeed,
} from './playerKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const playing = { paused: false };
const paused = { paused: true };

describe('playerKeyAction', () => {
  it('maps the YouTube keys', () => {
    expect(playerKeyAction(key('k'), playing)).toEqual({ type: 'toggle' });
    expect(playerKeyAction(key(' '), playing)).toEqual({ type: 'toggle' });
    expect(playerKeyAction(key('j'), playing)).toEqual({ type: 'seekBy', seconds: -10 });
    expect(playerKeyAction(key('l'), playing)).toEqual({ type: 'seekBy', seconds: 10 });
    expect(playerKeyAction(key('ArrowLeft'), playing)).toEqual({ type: 'seekBy', seconds: -5 });
    expect(playerKeyAction(key('ArrowRight'), playing)).toEqual({ type: 'seekBy', seconds: 5 });
    expect(playerKeyAction(key('m'), playing)).toEqual({ type: 'mute' });
    expect(playerKeyAction(key('f'), playing)).toEqual({ type: 'fullscreen' });
    expect(playerKeyAction(key('<'), playing)).toEqual({ type: 'speed', step: -1 });
    expect(playerKeyAction(key('>'), playing)).toEqual({ type: 'speed', step: 1 });
  });

  it('jumps to tenths with digits, and to the ends with Home and End', () => {
    expect(playerKeyAction(key('0'), playing)).toEqual({ type: 'seekFraction', fraction: 0 });
    expect(playerKeyAction(key('5'), playing)).toEqual({ type: 'seekFraction', fraction: 0.5 });
    expect(playerKeyAction(key('9'), playing)).toEqual({ type: 'seekFraction', fraction: 0.9 });
    expect(playerKeyAction(key('Home'), playing)).toEqual({ type: 'seekFraction', fraction: 0 });
    expect(playerKeyAction(key('End'), playing)).toEqual({ type: 'seekEnd' });
  });

  it('steps a frame with , and . only while paused', () => {
    expect(playerKeyAction(key(','), paused)).toEqual({ type: 'seekBy', seconds: -FRAME_S });
    expect(playerKeyAction(key('.'), paused)).toEqual({ type: 'seekBy', seconds: FRAME_S });
    expect(playerKeyAction(key(','), playing)).toBeNull();
    expect(playerKeyAction(key('.'), playing)).toBeNull();
    expect(FRAME_S).toBeCloseTo(1 / 30);
  });

  it('leaves modified keys and other keys to the browser and the app', () => {
    expect(playerKeyAction(key('f', { ctrlKey: true }), playing)).toBeNull();
    expect(playerKeyAction(key('l', { metaKey: true }), playing)).toBeNull();
    expect(playerKeyAction(key('5', { altKey: true }), playing)).toBeNull();
    expect(playerKeyAction(key('r'), playing)).toBeNull();
    expect(playerKeyAction(key('Enter'), playing)).toBeNull();
    expect(playerKeyAction(key('K'), playing)).toBeNull();
  });
});

describe('remainingClock', () => {
  it('shows the time left at the current speed, rounded up', () => {
    expect(remainingClock(0, 83, 1)).toBe('-1:23');
    expect(remainingClock(10.2, 70, 1)).toBe('-1:00');
    expect(remainingClock(0, 60, 2)).toBe('-0:30');
    expect(remainingClock(0, 60, 1.5)).toBe('-0:40');
    expect(remainingClock(59.5, 60, 1)).toBe('-0:01');
    expect(remainingClock(60, 60, 1)).toBe('-0:00');
    expect(remainingClock(0, 3723, 1)).toBe('-1:02:03');
  });

  it('never goes below zero, and a bad rate counts as 1×', () => {
    expect(remainingClock(80, 60, 1)).toBe('-0:00');
    expect(remainingClock(0, 30, 0)).toBe('-0:30');
  });
});

describe('stepSpeed and nextVoiceSpeed', () => {
  it('steps within 1×–2.5×', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(1);
    expect(stepSpeed(2.5, 1)).toBe(2.5);
    expect(stepSpeed(2, 1)).toBe(2.5);
    expect(stepSpeed(3, -1)).toBe(1);
  });

  it('cycles the voice note button 1× → 1.5× → 2× → 1×', () => {
    expect(nextVoiceSpeed(1)).toBe(1.5);
    expect(nextVoiceSpeed(1.5)).toBe(2);
    expect(nextVoiceSpeed(2)).toBe(1);
    expect(nextVoiceSpeed(1.25)).toBe(1.5);
    expect(nextVoiceSpeed(2.5)).toBe(1);
  });
});

describe('downloadName', () => {
  it('is the title plus the rendition extension', () => {
    expect(downloadName('Weekly demo', 'video/mp4')).toBe('Weekly demo.mp4');
    expect(downloadName('Standup', 'audio/mp4')).toBe('Standup.m4a');
    expect(downloadName('Clip', 'video/webm; codecs="vp9,opus"')).toBe('Clip.webm');
  });

  it('makes the title safe for file systems, and names untitled ones', () => {
    expect(downloadName('Q3: plans/budget?', 'video/mp4')).toBe('Q3 plans budget.mp4');
    expect(downloadName('..hidden', 'video/mp4')).toBe('hidden.mp4');
    expect(downloadName('Quarterly demo.MOV', 'video/mp4')).toBe('Quarterly demo.mp4');
    expect(downloadName('notes.v2', 'audio/mp4')).toBe('notes.v2.m4a');
    expect(downloadName('   ', 'video/mp4')).toBe('Recording.mp4');
    expect(downloadName('', 'audio/x-unknown')).toBe('Recording.m4a');
    expect(downloadName('x'.repeat(300), 'video/mp4')).toBe(`${'x'.repeat(120)}.mp4`);
  });
});
