-- CreateIndex
CREATE INDEX "interviews_owner_id_started_at_idx" ON "interviews"("owner_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "interviews_status_started_at_id_idx" ON "interviews"("status", "started_at" DESC, "id" DESC);
