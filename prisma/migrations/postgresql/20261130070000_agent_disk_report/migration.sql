-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "diskState" TEXT NOT NULL DEFAULT 'ok',
ADD COLUMN     "diskFreeMb" INTEGER,
ADD COLUMN     "diskWarning" TEXT;
