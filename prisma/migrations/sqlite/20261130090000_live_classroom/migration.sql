-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN "instructorTyping" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classroomId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Broadcast_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RaisedHand" (
    "learnerId" TEXT NOT NULL PRIMARY KEY,
    "classroomId" TEXT NOT NULL,
    "message" TEXT,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RaisedHand_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RaisedHand_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Broadcast_classroomId_createdAt_idx" ON "Broadcast"("classroomId", "createdAt");

-- CreateIndex
CREATE INDEX "RaisedHand_classroomId_raisedAt_idx" ON "RaisedHand"("classroomId", "raisedAt");
