// Benchmark `api`: how fast Tidings answers an authenticated API call and a sign-in, next to a
// bare Fastify hello-world measured the same way on the same machine in the same run.
//
//   npm run bench -- api [--quick]
//
// Figures: rps, p50_ms, p99_ms for GET /api/auth/session with a session cookie (session lookup,
// user lookup, zod serialization); signin_* for POST /api/auth/sign-in, which is deliberately
// slow (argon2id, 19 MiB, 2 passes, on the libuv thread pool); ref_* for the bare Fastify
// server; ratio_rps = rps / ref_rps; rss_mb of the Tidings server after the load.
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';
import { runLoad } from './lib/load.mjs';
import { startFastifyReference } from './lib/reference.mjs';
import { setUpWorkspace, startServer } from './lib/server.mjs';

const { quick } = benchArgs();
const size = quick
  ? { duration: 5, signinDuration: 5, warmup: 1 }
  : { duration: 15, signinDuration: 10, warmup: 3 };
// 50 keep-alive connections load the one-process server fully; sign-in needs fewer, since each
// request holds a thread-pool thread for tens of milliseconds.
const CONNECTIONS = 50;
const SIGNIN_CONNECTIONS = 8;

await runBench(async (onCleanup) => {
  log(`api benchmark (${quick ? 'quick' : 'full'}): ${JSON.stringify(size)}`);
  const server = await startServer();
  onCleanup(() => server.stop());
  const owner = await setUpWorkspace(server);

  const signin = await runLoad({
    label: 'sign-in',
    url: `${server.url}/api/auth/sign-in`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner.email, password: owner.password }),
    connections: SIGNIN_CONNECTIONS,
    duration: size.signinDuration,
    warmup: size.warmup,
  });

  const authed = await runLoad({
    label: 'GET /api/auth/session',
    url: `${server.url}/api/auth/session`,
    headers: { cookie: owner.cookie },
    connections: CONNECTIONS,
    duration: size.duration,
    warmup: size.warmup,
  });
  const rssMb = server.rssMb();
  await server.stop();

  const reference = await startFastifyReference();
  onCleanup(() => reference.stop());
  const ref = await runLoad({
    label: 'reference Fastify hello-world',
    url: `${reference.url}/`,
    connections: CONNECTIONS,
    duration: size.duration,
    warmup: size.warmup,
  });
  const refRssMb = reference.rssMb();
  await reference.stop();

  printFigures('api', {
    rps: authed.rps,
    p50_ms: authed.p50_ms,
    p99_ms: authed.p99_ms,
    ref_rps: ref.rps,
    ref_p50_ms: ref.p50_ms,
    ref_p99_ms: ref.p99_ms,
    ratio_rps: round(authed.rps / ref.rps, 3),
    signin_rps: signin.rps,
    signin_p50_ms: signin.p50_ms,
    signin_p99_ms: signin.p99_ms,
    rss_mb: round(rssMb, 1),
    ref_rss_mb: round(refRssMb, 1),
    connections: CONNECTIONS,
    signin_connections: SIGNIN_CONNECTIONS,
    duration_s: size.duration,
    signin_duration_s: size.signinDuration,
    notes:
      'rps/p50_ms/p99_ms: GET /api/auth/session with a session cookie (SQLite, fresh data dir). ' +
      'ref_*: bare Fastify hello-world in its own process, same machine, same run, same load. ' +
      'ratio_rps = rps / ref_rps: below 1 means slower than the reference. ' +
      'signin_*: POST /api/auth/sign-in, deliberately slow (argon2id 19 MiB, 2 passes). ' +
      'rss_mb: Tidings server resident memory after the load.',
  });
});
