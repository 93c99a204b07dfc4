import { authSuite } from '../server/suites/auth';
import { setupCodeSuite } from '../server/suites/setupCode';
import { syncSuite } from '../server/suites/sync';
import { pgFactory } from './factory';

// The same assertions as test/server/hub.test.ts, with the hub storing in PostgreSQL.
syncSuite(pgFactory);
authSuite(pgFactory);
setupCodeSuite(pgFactory);
