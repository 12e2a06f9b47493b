//! The core's integration tests, as one test binary: each module is one
//! area (its file says what it holds), and `support` starts the reference
//! server and enrolls clients for them. One binary links the core, the
//! server and the C libraries once instead of once per file.
//!
//! `disk_full` needs root (it mounts a tmpfs); skip it with
//! `cargo test -- --skip disk_full` (scripts/test-fast.sh does).

mod architecture;
mod at_rest;
mod bad_input;
mod capture_time;
mod clock_jump;
mod compliance_offline_code;
mod compliance_report;
mod delivery_scenario;
mod directory_fixture;
mod directory_hours;
mod directory_import;
mod directory_privacy;
mod directory_search;
mod directory_sync;
mod disclosure_statement;
mod disk_full;
mod envelope_interop;
mod faults;
mod key_loss;
mod ledger_export;
mod location_policy;
mod metered_media;
mod plan_changes;
mod plan_dst;
mod plan_due;
mod plan_errors;
mod plan_props;
mod plan_rrule_oracle;
mod plan_sync;
mod remind_notifications;
mod resumable;
mod retention;
mod screens_directory;
mod screens_flow;
mod screens_golden;
mod spine;
mod support;
mod tls_pinning;
