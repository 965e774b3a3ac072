import { describe } from 'node:test';
import { classroomSuite } from '../support/classroom-suite.ts';
import { postgresAvailable, startPostgres } from '../support/postgres.ts';

// The same instructors-and-classrooms suite on PostgreSQL via DATABASE_URL (test/support/classroom-suite.ts).
describe('instructors and classrooms on PostgreSQL', {
  skip: !postgresAvailable() && 'PostgreSQL 15 is not installed',
}, () => {
  classroomSuite(startPostgres);
});
