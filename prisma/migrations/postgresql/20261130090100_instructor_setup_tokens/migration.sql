-- CreateTable
CREATE TABLE "InstructorSetupToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstructorSetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InstructorSetupToken_tokenHash_key" ON "InstructorSetupToken"("tokenHash");

-- CreateIndex
CREATE INDEX "InstructorSetupToken_userId_idx" ON "InstructorSetupToken"("userId");

-- AddForeignKey
ALTER TABLE "InstructorSetupToken" ADD CONSTRAINT "InstructorSetupToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
