import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from './hub';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8750' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.data/hub' },
    'trust-proxy': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const trust = values['trust-proxy'];
try {
  const hub = await startHub({
    port,
    host: values.host,
    dataDir: path.resolve(values.data),
    databaseUrl,
    logLevel: values['log-level'],
    // "true" or a comma-separated list of proxy addresses/CIDRs (Fastify's trustProxy).
    trustProxy: trust === undefined ? false : trust === 'true' ? true : trust,
  });
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${path.resolve(values.data)}`;
  console.log(`Hotline Desk hub: ${hub.url}  (store: ${where})`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      void hub.close().then(() => process.exit(0));
    });
  }
} catch (err) {
  console.error(`the hub could not start: ${(err as Error).message}`);
  process.exit(1);
}
