import type { Prisma } from './generated/prisma/client';

// Shapes returned to clients. Password hashes and token hashes never leave the db package through these.

export const userPublicSelect = {
  id: true,
  tenantId: true,
  loginId: true,
  name: true,
  nameKana: true,
  email: true,
  department: true,
  role: true,
  isRegisteredAdministrator: true,
  language: true,
  disabledAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export const tenantSummarySelect = {
  id: true,
  systemId: true,
  name: true,
  status: true,
  resellerId: true,
} satisfies Prisma.TenantSelect;

export const tenantSettingsSelect = {
  thresholdLevel: true,
  detectionIntervalSec: true,
  awayAfterChecks: true,
  impersonationAfterChecks: true,
  captureIntervalMin: true,
  autoPunchFromPresence: true,
  screenshotMode: true,
  redactionAreas: true,
  forgottenEndRule: true,
  forgottenEndAfterHours: true,
  retentionDays: true,
} satisfies Prisma.TenantSelect;

export const taskSelect = {
  id: true,
  code: true,
  name: true,
  active: true,
} satisfies Prisma.TaskSelect;

export const groupSelect = {
  id: true,
  name: true,
  parentId: true,
} satisfies Prisma.GroupSelect;
