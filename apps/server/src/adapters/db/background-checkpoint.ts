import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

// SQLite's default copies the WAL back into the database (and fsyncs it) inside whichever commit
// crosses 1000 pages: that request waits for it, 100 ms and more on a busy disk. Here a worker
// thread, on its own connection, does it instead; PASSIVE never blocks writers, and once it has
// copied everything the next commit starts the WAL over.
const CHECK_EVERY_MS = 250;
const CHECKPOINT_ABOVE_BYTES = 4 * 2 ** 20;
// Under steady writes a PASSIVE pass never ends level with the last commit, so the WAL only
// starts over once writing pauses. A TRUNCATE does start it over but makes writers wait (for
// its fsync), so it is only the backstop against a WAL growing without end.
const TRUNCATE_ABOVE_BYTES = 256 * 2 ** 20;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const pageSize = db.pragma('page_size', { simple: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [pass] = db.pragma('wal_checkpoint(PASSIVE)');
    if (pass.log * pageSize > workerData.truncateAbove) db.pragma('wal_checkpoint(TRUNCATE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
`;

export interface BackgroundCheckpoint {
  /** Stops the worker; the main connection's close then checkpoints what is left. */
  stop(): Promise<void>;
}

/**
 * Turns off the in-commit checkpoint of `sqlite` (a WAL database at `file`) and checkpoints from a
 * worker whenever the WAL has grown past a few MB. The worker starts only then, so small
 * databases (tests) never pay for it. Should the worker fail, commits checkpoint again as before.
 */
export function startBackgroundCheckpoint(sqlite: SQLite.Database, file: string): BackgroundCheckpoint {
  sqlite.pragma('wal_autocheckpoint = 0');
  // When the WAL starts over, its file is cut back to this size rather than kept at its peak.
  sqlite.pragma(`journal_size_limit = ${CHECKPOINT_ABOVE_BYTES}`);
  const walFile = `${file}-wal`;
  let worker: Worker | null = null;
  let busy = false;
  let failed = false;

  const fallBack = () => {
    failed = true;
    worker = null;
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };

  const startWorker = () => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file, truncateAbove: TRUNCATE_ABOVE_BYTES },
    });
    started.unref();
    started.on('message', (result: { ok: boolean }) => {
      busy = false;
      if (!result.ok) fallBack();
    });
    started.on('error', fallBack);
    return started;
  };

  const timer = setInterval(() => {
    if (busy || failed) return;
    if (!worker) {
      try {
        if (fs.statSync(walFile).size < CHECKPOINT_ABOVE_BYTES) return;
      } catch {
        return;
      }
      worker = startWorker();
    }
    // Once started, every tick: a pass with nothing to copy costs microseconds.
    busy = true;
    worker.postMessage('checkpoint');
  }, CHECK_EVERY_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      const running = worker;
      worker = null;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage('close');
      await exited;
    },
  };
}
