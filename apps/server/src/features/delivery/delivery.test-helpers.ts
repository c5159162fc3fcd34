import fs from 'node:fs';
import path from 'node:path';
import { request, type Session, type TestApp } from '../../../test/harness';
import { outboxDir } from '../../adapters/mail/create-mail-transport';
import { allJobs } from '../../jobs/registry';
import { createJobRunner } from '../../jobs/runner';

/**
 * Stops the app's clock at an absolute instant (the harness clock moves with real time and
 * only travels relatively); `t.travel` then moves the stopped clock. Every use case and job
 * reads time through ctx.now, so the whole app sees exactly this instant.
 */
export function travelTo(t: TestApp, instant: number): void {
  let now = instant;
  t.ctx.now = () => now;
  t.travel = (ms) => {
    now += ms;
  };
}

/** Runs every due job, as a worker would; the clock does not move. */
export const runJobs = (t: TestApp) => createJobRunner(t.ctx, allJobs).drain();

/** The `.eml` files in the outbox, as text. */
export function outbox(t: TestApp): string[] {
  const dir = outboxDir(t.ctx.config);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export const mailTo = (t: TestApp, address: string) => outbox(t).filter((m) => m.includes(`To: ${address}`));

export const notificationsOf = (t: TestApp, userId: string) =>
  t.ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('deliver_at')
    .execute();

export const WEEKDAY_HOURS = [[], ...Array(5).fill([{ start: '09:00', end: '17:00' }]), []];

export const basePrefs = (timeZone: string) => ({
  timeZone,
  workingHours: WEEKDAY_HOURS,
  timeOff: [],
  focusBlocks: [],
  channels: {
    urgent: { inApp: true, email: true },
    reminder: { inApp: false, email: true },
    digest: { inApp: false, email: true },
    mention: { inApp: true, email: false },
  },
  digestTimes: ['09:00', '14:00'],
});

export const putPrefs = (t: TestApp, as: Session, payload: object) =>
  request(t.app, { method: 'PUT', url: '/api/me/delivery', payload }, as);
