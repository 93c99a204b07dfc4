import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.data/web' },
    customers: { type: 'string', default: '300' },
    calls: { type: 'string', default: '400' },
    seed: { type: 'string' },
  },
});

const count = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${v}"`);
    process.exit(2);
  }
  return n;
};

const started = Date.now();
const dataDir = path.resolve(values.data);
const out = await seedDemo({
  dataDir,
  customers: count('customers', values.customers),
  calls: count('calls', values.calls),
  ...(values.seed ? { seed: count('seed', values.seed) } : {}),
});
console.log(`Demo data in ${dataDir}: ${out.customers} customers, ${out.calls} calls (${((Date.now() - started) / 1000).toFixed(1)} s).`);
console.log(`Log in as ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')} — password ${DEMO_PASSWORD}`);
