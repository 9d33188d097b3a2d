
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

-- The application never touches the migration ledger.
REVOKE ALL ON TABLE _prisma_migrations FROM telework_app;
