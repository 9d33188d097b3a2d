-- CreateIndex
CREATE INDEX "task_sessions_tenantId_userId_endedAt_idx" ON "task_sessions"("tenantId", "userId", "endedAt");

-- CreateIndex
CREATE INDEX "work_sessions_tenantId_userId_endedAt_idx" ON "work_sessions"("tenantId", "userId", "endedAt");
