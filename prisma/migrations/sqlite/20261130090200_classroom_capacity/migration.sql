-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN "prewarmClassroomId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Classroom" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "instructorId" TEXT NOT NULL,
    "lessonIds" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "joinOpen" BOOLEAN NOT NULL DEFAULT true,
    "learnerCap" INTEGER,
    "learnerCount" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sandboxMinutes" INTEGER,
    "prewarmCount" INTEGER NOT NULL DEFAULT 0,
    "prewarmAt" DATETIME,
    CONSTRAINT "Classroom_instructorId_fkey" FOREIGN KEY ("instructorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Classroom" ("archivedAt", "createdAt", "id", "instructorId", "joinCode", "joinOpen", "learnerCap", "learnerCount", "lessonIds", "title") SELECT "archivedAt", "createdAt", "id", "instructorId", "joinCode", "joinOpen", "learnerCap", "learnerCount", "lessonIds", "title" FROM "Classroom";
DROP TABLE "Classroom";
ALTER TABLE "new_Classroom" RENAME TO "Classroom";
CREATE UNIQUE INDEX "Classroom_joinCode_key" ON "Classroom"("joinCode");
CREATE INDEX "Classroom_instructorId_idx" ON "Classroom"("instructorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Sandbox_prewarmClassroomId_idx" ON "Sandbox"("prewarmClassroomId");
