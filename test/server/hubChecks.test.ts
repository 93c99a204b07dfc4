import { sqliteFactory } from './harness';
import { hubChecksSuite } from './suites/hubChecks';

// What the hub checks in a push, on SQLite; test/pg/hubChecks.test.ts runs the same suite on PostgreSQL.
hubChecksSuite(sqliteFactory);
