import { minimiseSuite } from '../server/suites/minimise';
import { pgFactory } from './factory';

// The pull filter's queries (store/audience.ts) on PostgreSQL: the same assertions as test/server/minimise.test.ts.
minimiseSuite(pgFactory);
