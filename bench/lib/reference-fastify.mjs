// The reference for HTTP benchmarks: a bare Fastify 5 hello-world, no plugins, no logger.
// Run as a child process; it listens on PORT until SIGTERM.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
