-- CreateEnum
CREATE TYPE "OperatorRole" AS ENUM ('ADMIN', 'STAFF');

-- CreateEnum
CREATE TYPE "ResellerStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'ENDED');

-- CreateEnum
CREATE TYPE "PrincipalKind" AS ENUM ('OPERATOR', 'RESELLER_STAFF', 'USER');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('GENERAL', 'MAINTENANCE', 'TERMS_CHANGE', 'SERVICE_END');

-- CreateEnum
CREATE TYPE "NoticeAudience" AS ENUM ('ALL_TENANTS', 'SELECTED_TENANTS');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RejectionReason" AS ENUM ('FALSE_STATEMENT', 'PAST_SERIOUS_BREACH', 'UNSUITABLE', 'TECHNICALLY_DIFFICULT', 'NOT_DOMESTIC_ENTITY', 'OTHER');

-- CreateEnum
CREATE TYPE "SalesChannel" AS ENUM ('DIRECT', 'RESELLER');

-- CreateEnum
CREATE TYPE "TenantStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'DEREGISTERED');

-- CreateEnum
CREATE TYPE "ScreenshotMode" AS ENUM ('FULL', 'REDUCED', 'REDACTED');

-- CreateEnum
CREATE TYPE "ForgottenEndRule" AS ENUM ('AT_SCHEDULED_END', 'AFTER_HOURS', 'AT_JST_MIDNIGHT');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'MANAGER', 'WORKER');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('ja', 'en');

-- CreateEnum
CREATE TYPE "MembershipKind" AS ENUM ('MEMBER', 'MANAGER');

-- CreateEnum
CREATE TYPE "CaptureSource" AS ENUM ('AGENT', 'CONSOLE');

-- CreateEnum
CREATE TYPE "PunchSource" AS ENUM ('AGENT', 'CONSOLE', 'AUTO');

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('PUNCH', 'FORGOTTEN_AUTO_CLOSE', 'PRESENCE', 'ADMIN');

-- CreateEnum
CREATE TYPE "PunchKind" AS ENUM ('WORK_START', 'WORK_END', 'TASK_START', 'TASK_END');

-- CreateEnum
CREATE TYPE "PresenceState" AS ENUM ('PRESENT', 'AWAY');

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('PEEKING', 'IMPERSONATION', 'SPOOF');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'JUDGED');

-- CreateEnum
CREATE TYPE "JudgementVerdict" AS ENUM ('CONFIRMED_UNAUTHORIZED', 'FALSE_ALARM', 'NEEDS_FOLLOW_UP');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('CAMERA', 'SCREEN');

-- CreateEnum
CREATE TYPE "EvidenceTrigger" AS ENUM ('INCIDENT', 'INTERVAL');

-- CreateEnum
CREATE TYPE "ReportPeriod" AS ENUM ('WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'TERMINATION_SCHEDULED', 'ENDED');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('ADD_SEATS', 'CHANGE_DETAILS');

-- CreateEnum
CREATE TYPE "TerminationInitiator" AS ENUM ('CUSTOMER', 'PROVIDER');

-- CreateEnum
CREATE TYPE "TerminationCause" AS ENUM ('CUSTOMER_REQUEST', 'PROHIBITED_ACT', 'INSOLVENCY', 'UNCURED_BREACH', 'PROVIDER_NOTICE', 'SERVICE_END', 'ANTI_SOCIAL_FORCES');

-- CreateEnum
CREATE TYPE "InvoiceKind" AS ENUM ('ANNUAL_LICENCE', 'SEAT_ADD_ON', 'LATE_INTEREST');

-- CreateEnum
CREATE TYPE "BillTo" AS ENUM ('CUSTOMER', 'RESELLER');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'OPEN', 'PAID', 'VOID');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "InquiryChannel" AS ENUM ('WEB', 'EMAIL', 'PHONE');

-- CreateEnum
CREATE TYPE "InquiryStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED', 'AUTO_ACCEPTED');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('ADMINISTRATOR', 'OPERATOR');

-- CreateEnum
CREATE TYPE "PersonalDataRequestKind" AS ENUM ('DISCLOSE', 'CORRECT', 'DELETE');

-- CreateEnum
CREATE TYPE "PersonalDataRequestStatus" AS ENUM ('RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "operators" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "OperatorRole" NOT NULL DEFAULT 'STAFF',
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "operators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resellers" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "corporateNumber" TEXT,
    "postalCode" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "email" TEXT NOT NULL,
    "status" "ResellerStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "resellers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reseller_staff" (
    "id" UUID NOT NULL,
    "resellerId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reseller_staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "terms_versions" (
    "id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "terms_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_sessions" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "kind" "PrincipalKind" NOT NULL,
    "operatorId" UUID,
    "resellerStaffId" UUID,
    "resellerId" UUID,
    "tenantId" UUID,
    "userId" UUID,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "notices" (
    "id" UUID NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "audience" "NoticeAudience" NOT NULL,
    "titleJa" TEXT NOT NULL,
    "titleEn" TEXT,
    "bodyJa" TEXT NOT NULL,
    "bodyEn" TEXT,
    "maintenanceStartAt" TIMESTAMP(3),
    "maintenanceEndAt" TIMESTAMP(3),
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "effectiveAt" TIMESTAMP(3),
    "publishAt" TIMESTAMP(3) NOT NULL,
    "showOnLoginScreen" BOOLEAN NOT NULL DEFAULT true,
    "createdByOperatorId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_audit_logs" (
    "id" UUID NOT NULL,
    "actorKind" "PrincipalKind" NOT NULL,
    "actorId" UUID,
    "resellerId" UUID,
    "tenantId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applications" (
    "id" UUID NOT NULL,
    "channel" "SalesChannel" NOT NULL,
    "resellerId" UUID,
    "companyName" TEXT NOT NULL,
    "companyNameKana" TEXT,
    "corporateNumber" TEXT,
    "isDomesticEntity" BOOLEAN NOT NULL,
    "postalCode" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "administrators" JSONB NOT NULL,
    "seats" INTEGER NOT NULL,
    "termMonths" INTEGER NOT NULL DEFAULT 12,
    "desiredStartDate" DATE NOT NULL,
    "annualFee" INTEGER NOT NULL,
    "resellerAnnualPrice" INTEGER,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "rejectionReason" "RejectionReason",
    "rejectionNote" TEXT,
    "submittedByKind" "PrincipalKind" NOT NULL,
    "submittedById" UUID NOT NULL,
    "decidedByOperatorId" UUID,
    "decidedAt" TIMESTAMP(3),
    "tenantId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "systemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT,
    "corporateNumber" TEXT,
    "isDomesticEntity" BOOLEAN NOT NULL,
    "postalCode" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "resellerId" UUID,
    "status" "TenantStatus" NOT NULL DEFAULT 'ACTIVE',
    "thresholdLevel" INTEGER NOT NULL DEFAULT 3,
    "detectionIntervalSec" INTEGER NOT NULL DEFAULT 10,
    "awayAfterChecks" INTEGER NOT NULL DEFAULT 3,
    "impersonationAfterChecks" INTEGER NOT NULL DEFAULT 2,
    "captureIntervalMin" INTEGER NOT NULL DEFAULT 5,
    "autoPunchFromPresence" BOOLEAN NOT NULL DEFAULT false,
    "screenshotMode" "ScreenshotMode" NOT NULL DEFAULT 'FULL',
    "redactionAreas" JSONB,
    "forgottenEndRule" "ForgottenEndRule" NOT NULL DEFAULT 'AT_JST_MIDNIGHT',
    "forgottenEndAfterHours" INTEGER NOT NULL DEFAULT 12,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "ipAllowList" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "personalDataPurgeAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "loginId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT,
    "email" TEXT,
    "department" TEXT,
    "role" "UserRole" NOT NULL,
    "isRegisteredAdministrator" BOOLEAN NOT NULL DEFAULT false,
    "language" "Language" NOT NULL DEFAULT 'ja',
    "passwordHash" TEXT,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "groups" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "groups_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "group_memberships" (
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "MembershipKind" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_memberships_pkey" PRIMARY KEY ("tenantId","groupId","userId","kind")
);

-- CreateTable
CREATE TABLE "face_images" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "clientId" UUID,
    "source" "CaptureSource" NOT NULL,
    "blobKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "descriptorEncrypted" BYTEA NOT NULL,
    "keyVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "face_images_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "agent_devices" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "platform" TEXT,
    "agentVersion" TEXT,
    "cameraLabel" TEXT,
    "thresholdLevel" INTEGER,
    "lastSeenAt" TIMESTAMP(3),
    "lastIp" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "agent_devices_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "work_sessions" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" "SessionEndReason",
    "flaggedForgotten" BOOLEAN NOT NULL DEFAULT false,
    "openForUserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "work_sessions_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "punches" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceId" UUID,
    "clientEventId" UUID NOT NULL,
    "kind" "PunchKind" NOT NULL,
    "taskId" UUID,
    "source" "PunchSource" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "punches_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "task_sessions" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "workSessionId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "task_sessions_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "presence_events" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "workSessionId" UUID,
    "clientEventId" UUID NOT NULL,
    "state" "PresenceState" NOT NULL,
    "similarity" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "presence_events_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "workSessionId" UUID,
    "clientEventId" UUID NOT NULL,
    "kind" "IncidentKind" NOT NULL,
    "faceCount" INTEGER NOT NULL,
    "similarity" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "verdict" "JudgementVerdict",

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "incident_judgements" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "verdict" "JudgementVerdict" NOT NULL,
    "comment" TEXT,
    "judgedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_judgements_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "deviceId" UUID NOT NULL,
    "incidentId" UUID,
    "clientId" UUID NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "trigger" "EvidenceTrigger" NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL,
    "blobKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "keyVersion" INTEGER NOT NULL,
    "chainSeq" BIGINT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "chainHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "tenant_data_keys" (
    "tenantId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "tenant_data_keys_pkey" PRIMARY KEY ("tenantId","version")
);

-- CreateTable
CREATE TABLE "work_schedules" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "breakMinutes" INTEGER NOT NULL DEFAULT 60,
    "isDayOff" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "work_schedules_pkey" PRIMARY KEY ("tenantId","userId","date")
);

-- CreateTable
CREATE TABLE "schedule_patterns" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "breakMinutes" INTEGER NOT NULL DEFAULT 60,
    "workOnHolidays" BOOLEAN NOT NULL DEFAULT false,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedule_patterns_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "report_subscriptions" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "period" "ReportPeriod" NOT NULL,
    "recipientUserIds" UUID[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "report_subscriptions_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "report_runs" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_runs_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "contracts" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "applicationId" UUID,
    "channel" "SalesChannel" NOT NULL,
    "resellerId" UUID,
    "status" "ContractStatus" NOT NULL DEFAULT 'ACTIVE',
    "formedAt" TIMESTAMP(3) NOT NULL,
    "startDate" DATE NOT NULL,
    "termEndDate" DATE NOT NULL,
    "endDate" DATE,
    "endedAt" TIMESTAMP(3),
    "suspendedAt" TIMESTAMP(3),
    "annualFee" INTEGER NOT NULL,
    "seatMonthlyFee" INTEGER NOT NULL,
    "resellerAnnualPrice" INTEGER,
    "renewalOfId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contracts_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "licences" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "seats" INTEGER NOT NULL,
    "isAddOn" BOOLEAN NOT NULL DEFAULT false,
    "termStart" DATE NOT NULL,
    "termEnd" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licences_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "change_requests" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "resellerId" UUID,
    "kind" "ChangeKind" NOT NULL,
    "seatsDelta" INTEGER,
    "details" JSONB,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "rejectionReason" "RejectionReason",
    "rejectionNote" TEXT,
    "requestedByKind" "PrincipalKind" NOT NULL,
    "requestedById" UUID NOT NULL,
    "decidedByOperatorId" UUID,
    "decidedAt" TIMESTAMP(3),
    "effectiveDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_requests_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "termination_requests" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "resellerId" UUID,
    "initiator" "TerminationInitiator" NOT NULL,
    "cause" "TerminationCause" NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "desiredEndDate" DATE,
    "endDate" DATE NOT NULL,
    "status" "RequestStatus" NOT NULL DEFAULT 'PENDING',
    "note" TEXT,
    "requestedByKind" "PrincipalKind" NOT NULL,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "termination_requests_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "InvoiceKind" NOT NULL,
    "billTo" "BillTo" NOT NULL,
    "resellerId" UUID,
    "registrationNumber" TEXT NOT NULL,
    "issueDate" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "periodStart" DATE,
    "periodEnd" DATE,
    "subtotal" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'OPEN',
    "stripeInvoiceId" TEXT,
    "sentToStripe" BOOLEAN NOT NULL DEFAULT false,
    "lateInterestForId" UUID,
    "paidAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "invoice_lines" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "taxRatePct" INTEGER NOT NULL DEFAULT 10,

    CONSTRAINT "invoice_lines_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "stripePaymentIntentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "notice_targets" (
    "tenantId" UUID NOT NULL,
    "noticeId" UUID NOT NULL,

    CONSTRAINT "notice_targets_pkey" PRIMARY KEY ("tenantId","noticeId")
);

-- CreateTable
CREATE TABLE "notice_deliveries" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_deliveries_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "inquiries" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "administratorId" UUID NOT NULL,
    "channel" "InquiryChannel" NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "InquiryStatus" NOT NULL DEFAULT 'OPEN',
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "firstAnswerDueAt" TIMESTAMP(3) NOT NULL,
    "firstAnsweredAt" TIMESTAMP(3),
    "lastAnsweredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "loggedByOperatorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "inquiries_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "inquiry_messages" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "inquiryId" UUID NOT NULL,
    "author" "MessageAuthor" NOT NULL,
    "userId" UUID,
    "operatorId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inquiry_messages_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "personal_data_requests" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "subjectUserId" UUID,
    "subjectDescription" TEXT NOT NULL,
    "kind" "PersonalDataRequestKind" NOT NULL,
    "details" TEXT,
    "status" "PersonalDataRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "handledByOperatorId" UUID,
    "exportBlobKey" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "personal_data_requests_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "actorKind" "PrincipalKind" NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "operators_email_key" ON "operators"("email");

-- CreateIndex
CREATE UNIQUE INDEX "resellers_code_key" ON "resellers"("code");

-- CreateIndex
CREATE UNIQUE INDEX "reseller_staff_email_key" ON "reseller_staff"("email");

-- CreateIndex
CREATE INDEX "reseller_staff_resellerId_idx" ON "reseller_staff"("resellerId");

-- CreateIndex
CREATE UNIQUE INDEX "terms_versions_version_key" ON "terms_versions"("version");

-- CreateIndex
CREATE UNIQUE INDEX "auth_sessions_tokenHash_key" ON "auth_sessions"("tokenHash");

-- CreateIndex
CREATE INDEX "auth_sessions_tenantId_userId_idx" ON "auth_sessions"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "auth_sessions_expiresAt_idx" ON "auth_sessions"("expiresAt");

-- CreateIndex
CREATE INDEX "notices_publishAt_idx" ON "notices"("publishAt");

-- CreateIndex
CREATE INDEX "provider_audit_logs_createdAt_idx" ON "provider_audit_logs"("createdAt");

-- CreateIndex
CREATE INDEX "provider_audit_logs_tenantId_createdAt_idx" ON "provider_audit_logs"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "applications_resellerId_status_idx" ON "applications"("resellerId", "status");

-- CreateIndex
CREATE INDEX "applications_status_createdAt_idx" ON "applications"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_systemId_key" ON "tenants"("systemId");

-- CreateIndex
CREATE INDEX "tenants_resellerId_idx" ON "tenants"("resellerId");

-- CreateIndex
CREATE INDEX "users_tenantId_role_idx" ON "users"("tenantId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenantId_loginId_key" ON "users"("tenantId", "loginId");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tokenHash_key" ON "invitations"("tokenHash");

-- CreateIndex
CREATE INDEX "invitations_tenantId_userId_idx" ON "invitations"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "groups_tenantId_name_key" ON "groups"("tenantId", "name");

-- CreateIndex
CREATE INDEX "group_memberships_tenantId_userId_idx" ON "group_memberships"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "face_images_tenantId_userId_idx" ON "face_images"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "face_images_tenantId_clientId_key" ON "face_images"("tenantId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "agent_devices_tokenHash_key" ON "agent_devices"("tokenHash");

-- CreateIndex
CREATE INDEX "agent_devices_tenantId_userId_idx" ON "agent_devices"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "work_sessions_tenantId_userId_startedAt_idx" ON "work_sessions"("tenantId", "userId", "startedAt");

-- CreateIndex
CREATE INDEX "work_sessions_tenantId_startedAt_idx" ON "work_sessions"("tenantId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "work_sessions_tenantId_openForUserId_key" ON "work_sessions"("tenantId", "openForUserId");

-- CreateIndex
CREATE INDEX "punches_tenantId_userId_occurredAt_idx" ON "punches"("tenantId", "userId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "punches_tenantId_clientEventId_key" ON "punches"("tenantId", "clientEventId");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_tenantId_code_key" ON "tasks"("tenantId", "code");

-- CreateIndex
CREATE INDEX "task_sessions_tenantId_userId_startedAt_idx" ON "task_sessions"("tenantId", "userId", "startedAt");

-- CreateIndex
CREATE INDEX "task_sessions_tenantId_workSessionId_idx" ON "task_sessions"("tenantId", "workSessionId");

-- CreateIndex
CREATE INDEX "presence_events_tenantId_userId_occurredAt_idx" ON "presence_events"("tenantId", "userId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "presence_events_tenantId_clientEventId_key" ON "presence_events"("tenantId", "clientEventId");

-- CreateIndex
CREATE INDEX "incidents_tenantId_occurredAt_idx" ON "incidents"("tenantId", "occurredAt");

-- CreateIndex
CREATE INDEX "incidents_tenantId_userId_occurredAt_idx" ON "incidents"("tenantId", "userId", "occurredAt");

-- CreateIndex
CREATE INDEX "incidents_tenantId_status_occurredAt_idx" ON "incidents"("tenantId", "status", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_tenantId_clientEventId_key" ON "incidents"("tenantId", "clientEventId");

-- CreateIndex
CREATE INDEX "incident_judgements_tenantId_incidentId_idx" ON "incident_judgements"("tenantId", "incidentId");

-- CreateIndex
CREATE INDEX "evidence_tenantId_userId_capturedAt_idx" ON "evidence"("tenantId", "userId", "capturedAt");

-- CreateIndex
CREATE INDEX "evidence_tenantId_incidentId_idx" ON "evidence"("tenantId", "incidentId");

-- CreateIndex
CREATE INDEX "evidence_tenantId_capturedAt_idx" ON "evidence"("tenantId", "capturedAt");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_tenantId_clientId_key" ON "evidence"("tenantId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_tenantId_chainSeq_key" ON "evidence"("tenantId", "chainSeq");

-- CreateIndex
CREATE INDEX "work_schedules_tenantId_date_idx" ON "work_schedules"("tenantId", "date");

-- CreateIndex
CREATE INDEX "schedule_patterns_tenantId_userId_weekday_idx" ON "schedule_patterns"("tenantId", "userId", "weekday");

-- CreateIndex
CREATE INDEX "report_subscriptions_tenantId_groupId_idx" ON "report_subscriptions"("tenantId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "report_runs_tenantId_subscriptionId_periodStart_key" ON "report_runs"("tenantId", "subscriptionId", "periodStart");

-- CreateIndex
CREATE INDEX "contracts_tenantId_status_idx" ON "contracts"("tenantId", "status");

-- CreateIndex
CREATE INDEX "contracts_resellerId_idx" ON "contracts"("resellerId");

-- CreateIndex
CREATE INDEX "licences_tenantId_contractId_idx" ON "licences"("tenantId", "contractId");

-- CreateIndex
CREATE INDEX "change_requests_tenantId_contractId_idx" ON "change_requests"("tenantId", "contractId");

-- CreateIndex
CREATE INDEX "change_requests_resellerId_status_idx" ON "change_requests"("resellerId", "status");

-- CreateIndex
CREATE INDEX "termination_requests_tenantId_contractId_idx" ON "termination_requests"("tenantId", "contractId");

-- CreateIndex
CREATE INDEX "termination_requests_resellerId_status_idx" ON "termination_requests"("resellerId", "status");

-- CreateIndex
CREATE INDEX "invoices_tenantId_contractId_idx" ON "invoices"("tenantId", "contractId");

-- CreateIndex
CREATE INDEX "invoices_resellerId_status_idx" ON "invoices"("resellerId", "status");

-- CreateIndex
CREATE INDEX "invoices_stripeInvoiceId_idx" ON "invoices"("stripeInvoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices"("number");

-- CreateIndex
CREATE INDEX "invoice_lines_tenantId_invoiceId_idx" ON "invoice_lines"("tenantId", "invoiceId");

-- CreateIndex
CREATE INDEX "payments_tenantId_invoiceId_idx" ON "payments"("tenantId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "payments_tenantId_stripePaymentIntentId_key" ON "payments"("tenantId", "stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "notice_targets_noticeId_idx" ON "notice_targets"("noticeId");

-- CreateIndex
CREATE INDEX "notice_deliveries_noticeId_status_idx" ON "notice_deliveries"("noticeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "notice_deliveries_tenantId_noticeId_userId_key" ON "notice_deliveries"("tenantId", "noticeId", "userId");

-- CreateIndex
CREATE INDEX "inquiries_tenantId_status_idx" ON "inquiries"("tenantId", "status");

-- CreateIndex
CREATE INDEX "inquiries_status_firstAnswerDueAt_idx" ON "inquiries"("status", "firstAnswerDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "inquiries_number_key" ON "inquiries"("number");

-- CreateIndex
CREATE INDEX "inquiry_messages_tenantId_inquiryId_createdAt_idx" ON "inquiry_messages"("tenantId", "inquiryId", "createdAt");

-- CreateIndex
CREATE INDEX "personal_data_requests_tenantId_status_idx" ON "personal_data_requests"("tenantId", "status");

-- CreateIndex
CREATE INDEX "audit_logs_tenantId_createdAt_idx" ON "audit_logs"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_logs_tenantId_action_createdAt_idx" ON "audit_logs"("tenantId", "action", "createdAt");

-- AddForeignKey
ALTER TABLE "reseller_staff" ADD CONSTRAINT "reseller_staff_resellerId_fkey" FOREIGN KEY ("resellerId") REFERENCES "resellers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_resellerId_fkey" FOREIGN KEY ("resellerId") REFERENCES "resellers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_resellerId_fkey" FOREIGN KEY ("resellerId") REFERENCES "resellers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "groups" ADD CONSTRAINT "groups_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "groups" ADD CONSTRAINT "groups_tenantId_parentId_fkey" FOREIGN KEY ("tenantId", "parentId") REFERENCES "groups"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "groups"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "face_images" ADD CONSTRAINT "face_images_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "face_images" ADD CONSTRAINT "face_images_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_devices" ADD CONSTRAINT "agent_devices_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_devices" ADD CONSTRAINT "agent_devices_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_sessions" ADD CONSTRAINT "work_sessions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_sessions" ADD CONSTRAINT "work_sessions_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_sessions" ADD CONSTRAINT "work_sessions_tenantId_deviceId_fkey" FOREIGN KEY ("tenantId", "deviceId") REFERENCES "agent_devices"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punches" ADD CONSTRAINT "punches_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punches" ADD CONSTRAINT "punches_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punches" ADD CONSTRAINT "punches_tenantId_deviceId_fkey" FOREIGN KEY ("tenantId", "deviceId") REFERENCES "agent_devices"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punches" ADD CONSTRAINT "punches_tenantId_taskId_fkey" FOREIGN KEY ("tenantId", "taskId") REFERENCES "tasks"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_sessions" ADD CONSTRAINT "task_sessions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_sessions" ADD CONSTRAINT "task_sessions_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_sessions" ADD CONSTRAINT "task_sessions_tenantId_workSessionId_fkey" FOREIGN KEY ("tenantId", "workSessionId") REFERENCES "work_sessions"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_sessions" ADD CONSTRAINT "task_sessions_tenantId_taskId_fkey" FOREIGN KEY ("tenantId", "taskId") REFERENCES "tasks"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presence_events" ADD CONSTRAINT "presence_events_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presence_events" ADD CONSTRAINT "presence_events_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presence_events" ADD CONSTRAINT "presence_events_tenantId_deviceId_fkey" FOREIGN KEY ("tenantId", "deviceId") REFERENCES "agent_devices"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presence_events" ADD CONSTRAINT "presence_events_tenantId_workSessionId_fkey" FOREIGN KEY ("tenantId", "workSessionId") REFERENCES "work_sessions"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenantId_deviceId_fkey" FOREIGN KEY ("tenantId", "deviceId") REFERENCES "agent_devices"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_tenantId_workSessionId_fkey" FOREIGN KEY ("tenantId", "workSessionId") REFERENCES "work_sessions"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_judgements" ADD CONSTRAINT "incident_judgements_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_judgements" ADD CONSTRAINT "incident_judgements_tenantId_incidentId_fkey" FOREIGN KEY ("tenantId", "incidentId") REFERENCES "incidents"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_judgements" ADD CONSTRAINT "incident_judgements_tenantId_judgedById_fkey" FOREIGN KEY ("tenantId", "judgedById") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenantId_deviceId_fkey" FOREIGN KEY ("tenantId", "deviceId") REFERENCES "agent_devices"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tenantId_incidentId_fkey" FOREIGN KEY ("tenantId", "incidentId") REFERENCES "incidents"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tenant_data_keys" ADD CONSTRAINT "tenant_data_keys_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_schedules" ADD CONSTRAINT "work_schedules_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_patterns" ADD CONSTRAINT "schedule_patterns_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_patterns" ADD CONSTRAINT "schedule_patterns_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_subscriptions" ADD CONSTRAINT "report_subscriptions_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "groups"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_tenantId_subscriptionId_fkey" FOREIGN KEY ("tenantId", "subscriptionId") REFERENCES "report_subscriptions"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licences" ADD CONSTRAINT "licences_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licences" ADD CONSTRAINT "licences_tenantId_contractId_fkey" FOREIGN KEY ("tenantId", "contractId") REFERENCES "contracts"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenantId_contractId_fkey" FOREIGN KEY ("tenantId", "contractId") REFERENCES "contracts"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "termination_requests" ADD CONSTRAINT "termination_requests_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "termination_requests" ADD CONSTRAINT "termination_requests_tenantId_contractId_fkey" FOREIGN KEY ("tenantId", "contractId") REFERENCES "contracts"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenantId_contractId_fkey" FOREIGN KEY ("tenantId", "contractId") REFERENCES "contracts"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenantId_invoiceId_fkey" FOREIGN KEY ("tenantId", "invoiceId") REFERENCES "invoices"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenantId_invoiceId_fkey" FOREIGN KEY ("tenantId", "invoiceId") REFERENCES "invoices"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_targets" ADD CONSTRAINT "notice_targets_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_targets" ADD CONSTRAINT "notice_targets_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_deliveries" ADD CONSTRAINT "notice_deliveries_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "notices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_tenantId_administratorId_fkey" FOREIGN KEY ("tenantId", "administratorId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_tenantId_inquiryId_fkey" FOREIGN KEY ("tenantId", "inquiryId") REFERENCES "inquiries"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personal_data_requests" ADD CONSTRAINT "personal_data_requests_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── Hand-written: application role, row-level security, definer lookups ─────────────
-- Prisma does not model any of this; the drift check ignores it.

-- The application role (see src/app-role.ts). Roles are cluster-wide, so tolerate its existence
-- and a concurrent creation by another database's migration.
DO $$
BEGIN
  CREATE ROLE telework_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  EXECUTE format('GRANT telework_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; -- already a member, or a superuser (always allowed to SET ROLE)
END $$;

GRANT USAGE ON SCHEMA public TO telework_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO telework_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO telework_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO telework_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO telework_app;

-- Scope settings are transaction-local; after a transaction they read as '' (not NULL).
CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_is_operator() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('app.operator', true), '') = 'on' $$;
CREATE FUNCTION app_current_reseller() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.reseller_id', true), '')::uuid $$;

-- Monitoring and personal data: the tenant only. Face data and evidence are never visible to the
-- provider's operators (第26条1項), even inside an operator transaction that names the tenant.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['invitations','groups','group_memberships','agent_devices','work_sessions',
    'punches','tasks','task_sessions','presence_events','incidents','incident_judgements',
    'work_schedules','schedule_patterns','report_subscriptions','report_runs','audit_logs']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['face_images','evidence','tenant_data_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_private ON %I USING ("tenantId" = app_current_tenant() AND NOT app_is_operator()) WITH CHECK ("tenantId" = app_current_tenant() AND NOT app_is_operator())', t);
  END LOOP;
END $$;

-- Users: the tenant; operators may read registered administrators only (notices, inquiry checks).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
CREATE POLICY operator_reads_administrators ON users FOR SELECT USING (app_is_operator() AND "isRegisteredAdministrator");

-- Tenants: the tenant itself, operators, and the reseller that sold the contract.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON tenants
  USING (id = app_current_tenant() OR app_is_operator() OR "resellerId" = app_current_reseller())
  WITH CHECK (id = app_current_tenant() OR app_is_operator());

CREATE FUNCTION app_is_reseller_tenant(p_tenant uuid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT app_current_reseller() IS NOT NULL
     AND EXISTS (SELECT 1 FROM tenants WHERE id = p_tenant AND "resellerId" = app_current_reseller()) $$;

-- Contracts and billing: the tenant, operators, and the selling reseller.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contracts','licences','change_requests','termination_requests','invoices','invoice_lines','payments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY contract_visibility ON %I USING ("tenantId" = app_current_tenant() OR app_is_operator() OR app_is_reseller_tenant("tenantId")) WITH CHECK ("tenantId" = app_current_tenant() OR app_is_operator() OR app_is_reseller_tenant("tenantId"))', t);
  END LOOP;
  -- Provider-to-administrator channels: the tenant and operators.
  FOREACH t IN ARRAY ARRAY['notice_targets','notice_deliveries','inquiries','inquiry_messages','personal_data_requests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY provider_channel ON %I USING ("tenantId" = app_current_tenant() OR app_is_operator()) WITH CHECK ("tenantId" = app_current_tenant() OR app_is_operator())', t);
  END LOOP;
END $$;

-- Applications precede the tenant: operators see all, a reseller its own channel.
ALTER TABLE applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY channel_visibility ON applications
  USING (app_is_operator() OR "resellerId" = app_current_reseller())
  WITH CHECK (app_is_operator() OR "resellerId" = app_current_reseller());

-- Narrow lookups needed before a tenant scope exists (sign-in, device tokens, per-tenant jobs).
-- SECURITY DEFINER runs them as the table owner, which row-level security does not restrict.
CREATE FUNCTION app_find_tenant_by_system_id(p_system_id text)
RETURNS TABLE (id uuid, status "TenantStatus", name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT t.id, t.status, t.name FROM tenants t WHERE t."systemId" = p_system_id $$;

CREATE FUNCTION app_find_device_by_token(p_token_hash text)
RETURNS TABLE (id uuid, tenant_id uuid, user_id uuid, revoked_at timestamp(3))
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT d.id, d."tenantId", d."userId", d."revokedAt" FROM agent_devices d WHERE d."tokenHash" = p_token_hash $$;

CREATE FUNCTION app_list_tenant_ids()
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT t.id FROM tenants t ORDER BY t.id $$;

REVOKE ALL ON FUNCTION app_find_tenant_by_system_id(text), app_find_device_by_token(text), app_list_tenant_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_find_tenant_by_system_id(text), app_find_device_by_token(text), app_list_tenant_ids() TO telework_app;

-- The application never touches the migration ledger (absent on Prisma's own shadow databases).
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE _prisma_migrations FROM telework_app;
  END IF;
END $$;
