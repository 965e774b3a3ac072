-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN     "prewarmAt" TIMESTAMP(3),
ADD COLUMN     "prewarmCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sandboxMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "prewarmClassroomId" TEXT;

-- CreateIndex
CREATE INDEX "Sandbox_prewarmClassroomId_idx" ON "Sandbox"("prewarmClassroomId");
