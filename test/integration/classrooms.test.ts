import { classroomSuite } from '../support/classroom-suite.ts';

// Instructors and classrooms on the embedded SQLite database (the suite: test/support/classroom-suite.ts).
classroomSuite();
