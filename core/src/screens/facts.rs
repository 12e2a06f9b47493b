//! What the screens are built from: the client's state at one moment,
//! gathered once per request into plain values, so every screen is a pure
//! function of these facts, the time and the language (and the golden
//! tests build them by hand).

use std::sync::Arc;

use chrono::{DateTime, NaiveTime, Utc};

use crate::checkin::{CheckinSummary, Draft};
use crate::client::CheckinClient;
use crate::config::Connectivity;
use crate::disclosure::CollectionStatement;
use crate::error::Result;
use crate::plan::{Appointment, Due, zone::Zone};
use crate::policy::Policy;
use crate::protocol::receipt::Receipt;
use crate::store::{OutboxItem, OutboxState};
use crate::sync::SyncHealth;

use super::model::ShellContext;

/// The program as the participant knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Program {
    pub name: String,
    /// How to reach the program (a phone number, or words), from the policy.
    pub contact: String,
}

/// One submitted check-in as the screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub summary: CheckinSummary,
    pub state: OutboxState,
    pub receipt: Option<Receipt>,
    /// Why the program refused it, for a wedged one.
    pub refused: Option<String>,
    pub offline_code: Option<String>,
}

impl From<OutboxItem> for Sent {
    fn from(item: OutboxItem) -> Self {
        let offline_code =
            crate::offline_code::for_envelope(&item.summary.envelope_sha256_hex);
        Self {
            refused: (item.state == OutboxState::Wedged).then(|| {
                item.last_error
                    .clone()
                    .unwrap_or_else(|| "refused".to_string())
            }),
            summary: item.summary,
            state: item.state,
            receipt: item.receipt,
            offline_code,
        }
    }
}

/// Everything a screen may show, at one moment.
#[derive(Debug, Clone)]
pub struct Facts {
    /// True time (device clock corrected by the server's).
    pub now: DateTime<Utc>,
    /// The participant's zone (the plan's; UTC before there is a plan).
    pub zone: Zone,
    pub enrolled: bool,
    pub program: Program,
    pub policy: Arc<Policy>,
    /// The statement, when the current policy waits for consent.
    pub consent_needed: Option<CollectionStatement>,
    pub due: Option<Due>,
    /// Appointments not yet over, soonest first.
    pub appointments: Vec<Appointment>,
    /// Saved leave times by appointment id.
    pub leave_at: Vec<(String, NaiveTime)>,
    /// Submitted check-ins, oldest first.
    pub sent: Vec<Sent>,
    /// Deferred media still waiting, sealed.
    pub media_waiting: u32,
    pub connectivity: Connectivity,
    pub health: SyncHealth,
    pub context: ShellContext,
}

impl Facts {
    pub fn waiting(&self) -> impl Iterator<Item = &Sent> {
        self.sent
            .iter()
            .filter(|s| matches!(s.state, OutboxState::Queued | OutboxState::Sending))
    }

    pub fn refused(&self) -> impl Iterator<Item = &Sent> {
        self.sent.iter().filter(|s| s.state == OutboxState::Wedged)
    }

    pub fn last_delivered(&self) -> Option<&Sent> {
        self.sent
            .iter()
            .filter(|s| s.receipt.is_some())
            .max_by_key(|s| s.receipt.as_ref().map(|r| r.received_at))
    }

    pub fn sent(&self, checkin_id: &str) -> Option<&Sent> {
        self.sent
            .iter()
            .find(|s| s.summary.checkin_id.to_string() == checkin_id)
    }

    pub fn appointment(&self, id: &str) -> Option<&Appointment> {
        self.appointments.iter().find(|a| a.id == id)
    }

    pub fn leave_time(&self, appointment_id: &str) -> Option<NaiveTime> {
        self.leave_at
            .iter()
            .find(|(id, _)| id == appointment_id)
            .map(|(_, t)| *t)
    }
}

/// Reads the facts from `client` now.
pub(crate) fn gather(client: &CheckinClient, context: &ShellContext) -> Result<Facts> {
    let session = &client.session;
    let now = session.now().corrected();
    let policy = session.policy()?;
    let plan = session.plan()?;
    let enrolled = session.is_enrolled()?;
    // First run shows the statement after enrollment too: consent is asked
    // for every policy version, the one enrolled under included.
    let consent_needed = if enrolled && client.consent_needed()? {
        Some(client.collection_statement(session.localizer()?.language())?)
    } else {
        None
    };
    let appointments = plan
        .as_deref()
        .map(|p| {
            p.appointments()
                .iter()
                .filter(|a| a.ends > now)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok(Facts {
        now,
        zone: plan
            .as_deref()
            .map_or_else(Zone::utc, |p| p.zone().clone()),
        enrolled,
        program: Program {
            name: policy.program.name.clone(),
            contact: policy.program.contact.clone(),
        },
        consent_needed,
        due: client.due()?,
        appointments,
        leave_at: crate::preferences::leave_times(&*session.preferences()?),
        sent: client.outbox()?.into_iter().map(Sent::from).collect(),
        media_waiting: session
            .store
            .lane_counts(crate::store::Lane::Media)?
            .waiting as u32,
        connectivity: client.connectivity(),
        health: crate::sync::health(session)?,
        context: context.clone(),
        policy,
    })
}

/// The draft a check-in screen shows.
pub(crate) fn draft(client: &CheckinClient, checkin_id: &str) -> Result<Option<Draft>> {
    let Ok(id) = uuid::Uuid::parse_str(checkin_id) else {
        return Ok(None);
    };
    Ok(client.session.store.draft(id)?)
}
