-- CreateTable
CREATE TABLE "InstructorSetupToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InstructorSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "InstructorSetupToken_tokenHash_key" ON "InstructorSetupToken"("tokenHash");

-- CreateIndex
CREATE INDEX "InstructorSetupToken_userId_idx" ON "InstructorSetupToken"("userId");
