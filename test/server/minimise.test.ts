import { sqliteFactory } from './harness';
import { minimiseSuite } from './suites/minimise';

// Data minimised per workstation, on SQLite; test/pg/minimise.test.ts runs the same suite on PostgreSQL.
minimiseSuite(sqliteFactory);
