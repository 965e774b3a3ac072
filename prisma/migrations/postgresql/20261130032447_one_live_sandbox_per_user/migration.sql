/*
  Warnings:

  - A unique constraint covering the columns `[liveUserId]` on the table `Sandbox` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "liveUserId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Sandbox_liveUserId_key" ON "Sandbox"("liveUserId");
