-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "sandboxes" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "draining" BOOLEAN NOT NULL DEFAULT false,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL,
    "lostAt" TIMESTAMP(3),

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);
