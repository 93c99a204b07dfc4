import path from 'node:path';
import { parseArgs } from 'node:util';
import { rekeyStoreWithKeyFile, resolveStoreKey } from '../../../shared/node/storeKey';
import { DB_FILE } from '../db/open';
import { startHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    data: { type: 'string', default: '.data/web' },
    renderer: { type: 'string', default: 'dist/renderer' },
    incoming: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    // Re-encrypts the store under a new key from its key file; the host must be stopped.
    rekey: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

// Like a second launch of the desktop app with --incoming: hand the number to the running host.
if (values.incoming) {
  const res = await fetch(`http://127.0.0.1:${port}/cti/incoming`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: values.incoming }),
  }).catch((err: Error) => {
    console.error(`no browser host is listening on port ${port}: ${err.message}`);
    process.exit(1);
  });
  console.log(await res.text());
  process.exit(res.ok ? 0 : 1);
}

const dataDir = path.resolve(values.data);
/** HOTLINE_DB_KEY (hex) wins; else `<dataDir>.key`, beside the data folder, created 0600 at first start. */
const ENV_KEY = 'HOTLINE_DB_KEY';
if (values.rekey) {
  try {
    rekeyStoreWithKeyFile(dataDir, path.join(dataDir, DB_FILE), ENV_KEY);
    console.log(`The store is now encrypted under a new key in ${dataDir}.key; back that file up.`);
    process.exit(0);
  } catch (err) {
    console.error(`could not rekey the store: ${(err as Error).message}`);
    process.exit(1);
  }
}
let key: Buffer;
try {
  const loaded = resolveStoreKey(dataDir, path.join(dataDir, DB_FILE), ENV_KEY);
  if (loaded.origin === 'new-file') console.log(`A new store key was created in ${loaded.file} (mode 0600). Back it up: without it the store cannot be read.`);
  key = loaded.key;
} catch (err) {
  console.error(`could not read the store key: ${(err as Error).message}`);
  process.exit(1);
}

// A 0-byte or foreign store, a store held by another host, a read-only folder: one sentence and exit 1.
const host = await startHost({
  dataDir,
  key,
  port,
  rendererDir: path.resolve(values.renderer),
  logLevel: values.quiet ? 'warn' : 'info',
}).catch((err: Error & { problem?: string }) => {
  console.error(`the browser host could not open its store${err.problem ? ` (${err.problem})` : ''}: ${err.message}`);
  process.exit(1);
});
console.log(`Hotline Desk browser host: ${host.url}  (data: ${path.resolve(values.data)})`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void host.close().then(() => process.exit(0));
  });
}
