// The role every application query runs as. It owns no table, is not a superuser and has no
// BYPASSRLS, so row-level security always applies to it. The migrations create it and grant it
// to the migrating user; the client selects it at connection start (`-c role=…`), which a later
// `RESET ROLE` cannot undo.
export const APP_DB_ROLE = 'telework_app';
