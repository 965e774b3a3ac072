import { classroomLiveSuite } from '../support/classroom-live-suite.ts';

// The live classroom over HTTP on the embedded SQLite database (the suite: test/support/classroom-live-suite.ts).
classroomLiveSuite();
