//! Community services and the case, looked up on the phone
//! (docs/directory.md): a second block of `CheckinClient`'s methods. The
//! records are the core's own (`checkin_core::lookup`, derived behind its
//! `ffi` feature). None of these calls touches the network or the ledger;
//! they are quick (a search over 5,000 services takes a few milliseconds)
//! and may run on the UI thread, except the first after the app starts,
//! which reads the directory from the store.

use checkin_core::{
    CaseInfo, DirectoryOverview, DirectoryQuery, DirectoryResults, Point, ServiceDetails,
    ServiceSummary,
};

use crate::{CheckinClient, CheckinError};

#[uniffi::export]
impl CheckinClient {
    /// What the directory held offers (categories, languages spoken,
    /// cities to search from), or `null`/`nil` before the program sent one.
    pub fn directory_overview(&self) -> Result<Option<DirectoryOverview>, CheckinError> {
        Ok(self.inner.directory_overview()?)
    }

    /// Searches the directory: every word must match, as the start of a
    /// word, without regard to case or accents; the filters; ordered by
    /// relevance and distance from `query.near`. The query is never stored,
    /// logged or sent. Throws `InvalidInput` for a query over 1,000
    /// characters, an unknown category or an invalid point.
    pub fn search_directory(
        &self,
        query: DirectoryQuery,
    ) -> Result<DirectoryResults, CheckinError> {
        Ok(self.inner.search_directory(&query)?)
    }

    /// One service in full, with distances from `near` if given;
    /// `null`/`nil` if the directory held has no such service.
    pub fn directory_service(
        &self,
        service_id: String,
        near: Option<Point>,
    ) -> Result<Option<ServiceDetails>, CheckinError> {
        Ok(self.inner.directory_service(&service_id, near)?)
    }

    /// The services the participant saved, most recent first.
    pub fn saved_services(&self) -> Result<Vec<ServiceSummary>, CheckinError> {
        Ok(self.inner.saved_services()?)
    }

    /// Saves a service (kept sealed on the phone, never sent). Throws
    /// `InvalidInput` for an id the directory held does not have.
    pub fn save_service(&self, service_id: String) -> Result<(), CheckinError> {
        Ok(self.inner.save_service(&service_id)?)
    }

    /// Forgets a saved service.
    pub fn unsave_service(&self, service_id: String) -> Result<(), CheckinError> {
        Ok(self.inner.unsave_service(&service_id)?)
    }

    /// The case document in the participant's language, with the plan's
    /// upcoming court hearings; `null`/`nil` before the program sent one.
    /// Screens show `case_number_masked` until the participant asks.
    pub fn case_info(&self) -> Result<Option<CaseInfo>, CheckinError> {
        Ok(self.inner.case_info()?)
    }
}
