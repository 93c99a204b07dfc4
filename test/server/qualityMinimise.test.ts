import { sqliteFactory } from './harness';
import { qualityMinimiseSuite } from './suites/qualityMinimise';

// Personal records (QA, attendance, leave) on the pull, on SQLite; test/pg/qualityMinimise.test.ts runs the same suite on PostgreSQL.
qualityMinimiseSuite(sqliteFactory);
