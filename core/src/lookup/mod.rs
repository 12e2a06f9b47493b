//! What the participant looks up on the phone: community services (search,
//! a service in full, the services they saved) and their case
//! information. Everything here reads what the store already holds:
//! no call touches the network, none writes to the ledger, and a search
//! writes nothing at all (`core/tests/it/directory_privacy.rs` checks).

mod case_info;
mod records;

pub use case_info::{CaseHearing, CaseInfo, CaseOfficer, CasePhone};
pub use records::{
    DirectoryChoice, DirectoryOverview, DirectoryPlace, DirectoryResults, ServiceDetails,
    ServicePhone, ServicePlace, ServiceSummary,
};
#[cfg(feature = "internals")]
pub use {case_info::read as read_case, records::Reader};
#[cfg(not(feature = "internals"))]
pub(crate) use records::Reader;

use crate::client::CheckinClient;
use crate::directory::{self, DirectoryQuery, Point};
use crate::error::Result;
use crate::resources;

impl CheckinClient {
    /// What the directory held offers (categories, languages, cities),
    /// or `None` before the program sent one.
    pub fn directory_overview(&self) -> Result<Option<DirectoryOverview>> {
        self.with_reader(|r| Ok(r.overview()))
    }

    /// Searches the directory on the phone (docs/directory.md): every word
    /// must match, as a prefix, without regard to case or accents; then the
    /// filters; ordered by relevance and distance from `query.near`. The
    /// query is never stored, logged or sent. Empty before the program sent
    /// a directory.
    pub fn search_directory(&self, query: &DirectoryQuery) -> Result<DirectoryResults> {
        let found = self.with_reader(|r| {
            let found = directory::search(r.c, query, r.now)?;
            Ok(r.results(&found))
        })?;
        Ok(found.unwrap_or(DirectoryResults {
            total: 0,
            services: Vec::new(),
        }))
    }

    /// One service in full, with distances from `near` if given; `None` if
    /// the directory held has no such service.
    pub fn directory_service(&self, service_id: &str, near: Option<Point>) -> Result<Option<ServiceDetails>> {
        Ok(self
            .with_reader(|r| Ok(r.c.service(service_id).map(|(i, _)| r.details(i, near))))?
            .flatten())
    }

    /// The services the participant saved, most recent first (those the
    /// current directory no longer lists are left out).
    pub fn saved_services(&self) -> Result<Vec<ServiceSummary>> {
        Ok(self
            .with_reader(|r| {
                Ok(r.saved
                    .iter()
                    .filter_map(|id| r.c.service(id))
                    .map(|(i, s)| r.summary(i, None, directory::open_at(r.c, s, r.now)))
                    .collect())
            })?
            .unwrap_or_default())
    }

    /// Saves a service to find it again; kept sealed on the phone, never
    /// sent. Refused for an id the directory held does not have.
    pub fn save_service(&self, service_id: &str) -> Result<()> {
        resources::save(&self.session, service_id)
    }

    /// Forgets a saved service.
    pub fn unsave_service(&self, service_id: &str) -> Result<()> {
        resources::unsave(&self.session, service_id)
    }

    /// The case document in the participant's language, with the plan's
    /// upcoming court hearings; `None` before the program sent one.
    pub fn case_info(&self) -> Result<Option<CaseInfo>> {
        let Some(case) = resources::case(&self.session)? else {
            return Ok(None);
        };
        let l = self.session.localizer()?;
        let plan = self.session.plan()?;
        Ok(Some(case_info::read(&case, plan.as_deref(), &l, self.session.now().corrected())))
    }

    /// Runs `read` over the directory held, in the participant's language,
    /// at the corrected time; `None` when there is none.
    pub(crate) fn with_reader<T>(&self, read: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<Option<T>> {
        let Some(catalog) = resources::catalog_of(&self.session)? else {
            return Ok(None);
        };
        let l = self.session.localizer()?;
        let saved = resources::saved(&self.session)?;
        let reader = Reader {
            c: &catalog,
            l: &l,
            saved: &saved,
            now: self.session.now().corrected(),
        };
        read(&reader).map(Some)
    }
}
