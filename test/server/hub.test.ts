import { sqliteFactory } from './harness';
import { authSuite } from './suites/auth';
import { setupCodeSuite } from './suites/setupCode';
import { syncSuite } from './suites/sync';

// The hub on SQLite over real HTTP; test/pg runs the same suites on PostgreSQL.
syncSuite(sqliteFactory);
authSuite(sqliteFactory);
setupCodeSuite(sqliteFactory);
