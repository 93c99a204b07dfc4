import { sqliteFactory } from './harness';
import { auditSuite } from './suites/audit';

auditSuite(sqliteFactory);
