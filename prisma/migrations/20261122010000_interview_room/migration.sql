-- AlterTable
ALTER TABLE "interviews" ADD COLUMN     "clock_scale" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "event_key" TEXT,
ADD COLUMN     "reply_to_seq" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "messages_interview_id_event_key_key" ON "messages"("interview_id", "event_key");
