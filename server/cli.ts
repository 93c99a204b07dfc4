import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from './hub';
import { renewSetupCode, SETUP_CODE_ENV } from './setupCode';
import { openStore } from './store';
import { HUB_DB_FILE } from './store/sqlite';
import { backupHubStore } from './store/sqlite/backup';
import { rekeyStoreWithKeyFile, resolveStoreKey } from '../shared/node/storeKey';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8750' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.data/hub' },
    'trust-proxy': { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    // Prints a new set-up code for a hub that is not set up yet, read from and written to its store directly.
    'setup-code': { type: 'boolean', default: false },
    // Re-encrypts the SQLite store under a new key from its key file (docs/hub.md); the hub must be stopped.
    rekey: { type: 'boolean', default: false },
    // Writes a consistent, encrypted copy of the SQLite store into this folder (docs/hub.md, "Backups"); the hub may be running.
    backup: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const fixedCode = process.env[SETUP_CODE_ENV] || undefined;
const trust = values['trust-proxy'];
const dataDir = path.resolve(values.data);
/** HUB_DB_KEY (hex) or `<dataDir>.key`, created at first start; PostgreSQL has no file key (docs/hub.md). */
const envKey = 'HUB_DB_KEY';

if (values.rekey) {
  if (databaseUrl) {
    console.error('--rekey is for the SQLite hub; PostgreSQL relies on disk encryption (docs/hub.md)');
    process.exit(2);
  }
  try {
    rekeyStoreWithKeyFile(dataDir, path.join(dataDir, HUB_DB_FILE), envKey);
    console.log(`The hub store is now encrypted under a new key in ${dataDir}.key; back that file up (the old key no longer opens it).`);
    process.exit(0);
  } catch (err) {
    console.error(`could not rekey the hub store: ${(err as Error).message}`);
    process.exit(1);
  }
}

let key: Buffer | undefined;
if (!databaseUrl) {
  try {
    const loaded = resolveStoreKey(dataDir, path.join(dataDir, HUB_DB_FILE), envKey);
    if (loaded.origin === 'new-file') console.log(`A new store key was created in ${loaded.file} (mode 0600). Back it up: without it the hub store cannot be read.`);
    key = loaded.key;
  } catch (err) {
    console.error(`the hub could not read its store key: ${(err as Error).message}`);
    process.exit(1);
  }
}
if (values.backup !== undefined) {
  if (databaseUrl) {
    console.error('--backup is for the SQLite hub; back PostgreSQL up with pg_dump (docs/hub.md)');
    process.exit(2);
  }
  try {
    const made = backupHubStore(dataDir, key, values.backup);
    console.log(`Backup written: ${made.file} (${made.size} bytes, encrypted with the store's key, quick_check ok). Keep ${dataDir}.key safe elsewhere: the backup is useless without it.`);
    process.exit(0);
  } catch (err) {
    console.error(`could not back up the hub store: ${(err as Error).message}`);
    process.exit(1);
  }
}

const onStoreProgress = (message: string) => console.log(`hub store: ${message}`);

if (values['setup-code']) {
  try {
    const store = await openStore({ dataDir, databaseUrl, key, onProgress: onStoreProgress });
    const code = await renewSetupCode(store, new Date(), fixedCode).finally(() => store.close());
    if (code) console.log(`Set-up code: ${code}  (the previous code no longer works; a running hub accepts this one)`);
    else console.log('This hub is already set up; workstations join it with an administrator login.');
    process.exit(code ? 0 : 1);
  } catch (err) {
    console.error(`could not make a set-up code: ${(err as Error).message}`);
    process.exit(1);
  }
}

try {
  const hub = await startHub({
    port,
    host: values.host,
    dataDir,
    databaseUrl,
    ...(key ? { key, onStoreProgress } : {}),
    logLevel: values['log-level'],
    // "true" or a comma-separated list of proxy addresses/CIDRs (Fastify's trustProxy).
    trustProxy: trust === undefined ? false : trust === 'true' ? true : trust,
    ...(fixedCode ? { setupCode: fixedCode } : {}),
  });
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${path.resolve(values.data)}`;
  console.log(`Hotline Desk hub: ${hub.url}  (store: ${where})`);
  if (hub.setupCode) console.log(`Not set up yet. Set-up code: ${hub.setupCode}  (type it when the first workstation joins)`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      void hub.close().then(() => process.exit(0));
    });
  }
} catch (err) {
  console.error(`the hub could not start: ${(err as Error).message}`);
  process.exit(1);
}
