import { qualityMinimiseSuite } from '../server/suites/qualityMinimise';
import { pgFactory } from './factory';

// The audience's roles (a join on the hub's users, store/audience.ts) on PostgreSQL: the same assertions as test/server/qualityMinimise.test.ts.
qualityMinimiseSuite(pgFactory);
