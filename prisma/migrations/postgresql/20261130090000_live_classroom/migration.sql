-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "instructorTyping" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RaisedHand" (
    "learnerId" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "message" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RaisedHand_pkey" PRIMARY KEY ("learnerId")
);

-- CreateIndex
CREATE INDEX "Broadcast_classroomId_createdAt_idx" ON "Broadcast"("classroomId", "createdAt");

-- CreateIndex
CREATE INDEX "RaisedHand_classroomId_raisedAt_idx" ON "RaisedHand"("classroomId", "raisedAt");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaisedHand" ADD CONSTRAINT "RaisedHand_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RaisedHand" ADD CONSTRAINT "RaisedHand_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;
