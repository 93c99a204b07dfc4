import path from 'node:path';
import { parseArgs } from 'node:util';
import { bulkDemo } from './bulk';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '.data/web' },
    customers: { type: 'string', default: '300' },
    calls: { type: 'string', default: '400' },
    complaints: { type: 'string', default: '60' },
    days: { type: 'string' },
    seed: { type: 'string' },
    bulk: { type: 'boolean' },
    agents: { type: 'string' },
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

/** Beyond this many records of any kind, the store is written in bulk (demo/bulk.ts) instead of through the core. */
const BULK_ABOVE = 2000;

const started = Date.now();
const dataDir = path.resolve(values.data);
const opts = {
  dataDir,
  customers: count('customers', values.customers),
  calls: count('calls', values.calls),
  complaints: count('complaints', values.complaints),
  ...(values.days ? { days: count('days', values.days) } : {}),
  ...(values.seed ? { seed: count('seed', values.seed) } : {}),
};
const bulk = values.bulk ?? Math.max(opts.customers, opts.calls, opts.complaints) > BULK_ABOVE;
const agents = values.agents ? { agents: count('agents', values.agents) } : {};
const out = bulk ? await bulkDemo({ ...opts, ...agents, log: (line) => console.log(line) }) : await seedDemo(opts);
console.log(
  `Demo data in ${dataDir}${bulk ? ' (bulk)' : ''}: ${out.customers} customers, ${out.calls} calls, ${out.complaints} complaints (${((Date.now() - started) / 1000).toFixed(1)} s).`,
);
const q = 'quality' in out ? out.quality : undefined;
if (q)
  console.log(
    `QA of ${q.months.join(', ')}: ${q.sampled} records sampled, ${q.reviews} reviewed, ${q.findings} findings; ${q.signIns} sign-ins, ${q.leaves} leave requests.`,
  );
console.log(`Log in as ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')} — password ${DEMO_PASSWORD}`);
