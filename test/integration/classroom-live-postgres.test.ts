import { describe } from 'node:test';
import { classroomLiveSuite } from '../support/classroom-live-suite.ts';
import { postgresAvailable, startPostgres } from '../support/postgres.ts';

// The same live-classroom suite on PostgreSQL via DATABASE_URL (test/support/classroom-live-suite.ts).
describe('the live classroom on PostgreSQL', {
  skip: !postgresAvailable() && 'PostgreSQL 15 is not installed',
}, () => {
  classroomLiveSuite(startPostgres);
});
