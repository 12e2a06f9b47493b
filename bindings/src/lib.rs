//! uniffi facade over `checkin-core`. Filled in by the bindings issue.
uniffi::setup_scaffolding!();

/// The version of the check-in core this library was built from.
#[uniffi::export]
pub fn core_version() -> String {
    checkin_core::VERSION.to_string()
}
