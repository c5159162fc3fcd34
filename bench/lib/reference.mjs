// Starts the reference servers that benchmarks compare against, each in its own process so it
// gets a core of its own exactly as the Tidings server does.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { log } from './cli.mjs';
import { freePort, rssMb, stopProcess, track, waitForOk } from './processes.mjs';

/** A bare Fastify hello-world on a free loopback port. */
export async function startFastifyReference() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const script = fileURLToPath(new URL('./reference-fastify.mjs', import.meta.url));
  const child = track(
    fork(script, [], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 2, 2, 'ipc'] }),
  );
  await waitForOk(`${url}/`, child, 30_000);
  log(`reference Fastify pid ${child.pid} ready on ${url}`);
  return { url, pid: child.pid, rssMb: () => rssMb(child.pid), stop: () => stopProcess(child) };
}
