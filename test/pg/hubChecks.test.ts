import { hubChecksSuite } from '../server/suites/hubChecks';
import { pgFactory } from './factory';

// The same assertions as test/server/hubChecks.test.ts, with the hub storing in PostgreSQL.
hubChecksSuite(pgFactory);
