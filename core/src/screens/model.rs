//! The shape of every screen a participant sees: plain records a shell
//! renders with native widgets, and the actions it sends back.
//!
//! The contract (docs/screens.md):
//! - A [`Screen`] is a title, a list of [`Block`]s and a list of
//!   [`Action`]s. Every string is already in the participant's language;
//!   the shell writes no text of its own and decides nothing.
//! - The shell asks for a screen by [`Route`] and renders what comes back.
//!   The core may answer another route than the one asked (first run,
//!   consent needed): the screen's `route` says which one it is.
//! - A tap sends the [`Action`] back (`perform`). What needs the phone's
//!   hardware or the OS (camera, microphone, one location fix, a QR scan,
//!   the share sheet, a permission prompt, the dialler) comes back as the
//!   next screen's [`Effect`]; the shell carries it out and hands the
//!   result to the core (`deliver_capture`), which answers with the next
//!   screen.
//! - Times are milliseconds since the Unix epoch (true time), ids are
//!   strings. A screen whose text changes with time (a countdown) says
//!   when to ask again in `refresh_in_ms`.
//!
//! These records carry uniffi derives behind the `ffi` feature, so the
//! facade exports them as they are instead of mirroring them.

/// Where a screen is in the participant's journey.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Route {
    /// Where the app opens: the core answers with enrollment, consent or
    /// home, whichever the participant needs now.
    Start,
    /// Enrollment: the program's address and the one-time code.
    Enroll,
    /// "What this program collects", and agreeing to it.
    Consent,
    /// What is due now or next, the queue, the last receipt, warnings.
    Home,
    /// A check-in being taken: its steps, the current one, quality hints.
    Checkin { checkin_id: String },
    /// Exactly what a check-in will send, before it is sealed.
    Review { checkin_id: String },
    /// A submitted check-in: sealed and saved, then delivered with its
    /// receipt.
    Submitted { checkin_id: String },
    /// Upcoming appointments (court hearings, office visits).
    Appointments,
    /// One appointment: where, when, what to bring, the participant's plan.
    Appointment { appointment_id: String },
    /// Proof of compliance: each window with its receipt or why not.
    Proof,
    /// The participant's ledger in words.
    Ledger,
    /// The collection statement and the consents given.
    MyData,
    /// Language and what the app may do on this phone.
    Settings,
    /// Community services: search, filters, results (docs/directory.md).
    /// The search lives in the core's memory only.
    Directory,
    /// One community service in full.
    Service { service_id: String },
    /// The services the participant saved.
    SavedServices,
    /// The participant's case: case number, officer, conditions, documents
    /// to bring, next hearings.
    Case,
}

/// One screen, ready to render.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Screen {
    /// The route this screen answers (may differ from the one asked).
    pub route: Route,
    pub title: String,
    /// The language of every text on the screen (BCP 47, e.g. `pt-BR`).
    pub language: String,
    pub blocks: Vec<Block>,
    /// The screen's main actions, most important first.
    pub actions: Vec<Action>,
    /// Where "back" goes; `None` on a root screen.
    pub back: Option<Route>,
    /// The screen shows personal data: keep it out of screenshots and the
    /// app switcher (Android `FLAG_SECURE`, iOS privacy overlay).
    pub secure: bool,
    /// Ask for this screen again after this many milliseconds (a
    /// countdown's next minute, a window opening): a delay, so the shell's
    /// timer needs no clock of its own.
    pub refresh_in_ms: Option<u64>,
    /// Something the shell must do now (open the camera, share a file).
    pub effect: Option<Effect>,
}

/// How a block or an action should read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Tone {
    Neutral,
    Info,
    Success,
    Warning,
    /// Something needs the participant now (a check-in is late, the
    /// program must be called).
    Danger,
}

/// Text roles, for the shell's type scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum TextStyle {
    Heading,
    Body,
    /// Small print: times, sizes, key ids.
    Caption,
}

/// One part of a screen.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Block {
    Text {
        text: String,
        style: TextStyle,
    },
    /// A banner that stands out: a warning, a success, what to do now.
    Notice {
        tone: Tone,
        title: String,
        body: String,
        /// Read by screen readers instead of title and body when set.
        accessibility_label: Option<String>,
        action: Option<Action>,
    },
    /// Label and value pairs (a window's times, a receipt's details).
    Facts { title: Option<String>, rows: Vec<Fact> },
    /// The steps of a check-in, in order, and where the participant is.
    Steps { items: Vec<Step> },
    /// What to capture next, with its instructions and the button that
    /// starts the capture.
    Capture {
        kind: CaptureKind,
        title: String,
        instructions: String,
        action: Action,
    },
    /// Quality hints after a capture ("too dark: retake").
    Hints { items: Vec<Hint> },
    /// Rows of a list (appointments, ledger entries, windows, parts).
    Items {
        title: Option<String>,
        items: Vec<Item>,
    },
    /// A text field the participant fills in.
    Input { field: Field },
    /// A choice among options (the language).
    Choice {
        field_id: String,
        label: String,
        options: Vec<ChoiceOption>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub accessibility_label: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum StepState {
    Done,
    Current,
    Todo,
    /// Not required; the participant may add it.
    Optional,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Step {
    pub label: String,
    pub state: StepState,
    /// Why it is asked, or what was captured.
    pub detail: String,
    pub accessibility_label: Option<String>,
}

/// What the phone's hardware is asked to capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CaptureKind {
    Photo,
    Voice,
    Location,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Hint {
    pub tone: Tone,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Item {
    /// Stable within the list (a window id, a ledger seq).
    pub id: String,
    pub title: String,
    pub detail: String,
    pub tone: Tone,
    /// A short status word shown beside the title ("Delivered").
    pub badge: Option<String>,
    pub accessibility_label: Option<String>,
    /// What tapping the row does, if anything.
    pub action: Option<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum FieldKind {
    Text,
    /// The one-time enrollment code (letters and digits, shown grouped).
    EnrollmentCode,
    /// The program server's https address.
    ServerUrl,
    /// A time of day, `HH:MM` (24-hour) as typed or picked.
    TimeOfDay,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Field {
    /// Sent back with an action as a [`FieldValue`].
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    /// The value to show (pre-filled from a managed configuration or the
    /// participant's earlier answer).
    pub value: String,
    /// Set when the value comes from the program's device management and
    /// may not be edited.
    pub read_only: bool,
    pub hint: Option<String>,
    /// What is wrong with the value sent last, in words.
    pub error: Option<String>,
    pub accessibility_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
    /// Sent back when the participant picks this option.
    pub action: Action,
}

/// A field's value, sent back with an action.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FieldValue {
    pub field_id: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ActionStyle {
    Primary,
    Secondary,
    /// Destructive or irreversible (discard a check-in).
    Danger,
    /// Looks like a link: navigation to a detail.
    Link,
}

/// Something the participant can do, sent back to the core as it is.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Action {
    /// Stable across languages and versions (`home.start-checkin`), for
    /// tests, analytics-free UI automation and accessibility ids.
    pub id: String,
    pub label: String,
    pub accessibility_label: Option<String>,
    pub style: ActionStyle,
    pub enabled: bool,
    pub kind: ActionKind,
}

/// What an action does. The shell sends it back to `perform` unchanged.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ActionKind {
    Navigate { route: Route },
    /// Enroll with the `server_url` and `code` fields.
    Enroll,
    /// Read the program's enrollment QR code (effect `ScanCode`).
    ScanCode,
    /// The participant agrees to the statement of this policy, as shown.
    AcceptConsent { policy_version: u32, text_sha256_hex: String },
    StartCheckin { window_id: Option<String> },
    /// Open the camera for this check-in (effect `CapturePhoto`).
    CapturePhoto { checkin_id: String },
    /// Open the recorder (effect `CaptureVoice`).
    CaptureVoice { checkin_id: String },
    /// Take one location fix (effect `CaptureLocation`).
    CaptureLocation { checkin_id: String },
    Submit { checkin_id: String },
    Discard { checkin_id: String },
    /// Try to send what waits now.
    SyncNow,
    RetryWedged { checkin_id: String },
    /// Save the answer of the `leave_at` field as an extra reminder.
    SavePlan { appointment_id: String },
    RemovePlan { appointment_id: String },
    /// Export the proof of check-ins to a file (effect `ShareFile`).
    ExportProof,
    /// Switch the language of every screen and reminder.
    SetLanguage { language: String },
    /// Ask the OS for a permission (effect `RequestPermission`).
    RequestPermission { permission: Permission },
    /// Call the program (effect `Dial`).
    CallProgram,
    /// Search the directory for the words of the `query` field.
    SearchDirectory,
    /// Set one filter of the directory search (`field_id` of a `Choice`:
    /// `category`, `language`, `when`, `near`) to `value`.
    SetSearchFilter { field_id: String, value: String },
    SaveService { service_id: String },
    UnsaveService { service_id: String },
    /// Show the whole case number on the next screen only.
    RevealCaseNumber,
    /// Call this number (effect `Dial`): a service's or the officer's.
    Dial { phone: String },
}

/// What the app may be allowed to do on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Permission {
    Camera,
    Microphone,
    /// One location fix while a check-in is open; never in the background.
    Location,
    Notifications,
    /// Reminders at the exact minute (Android exact alarms).
    ExactAlarms,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PermissionState {
    Granted,
    Denied,
    /// Not asked yet.
    NotAsked,
    /// The platform has no such permission (iOS exact alarms).
    NotApplicable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PermissionStatus {
    pub permission: Permission,
    pub state: PermissionState,
}

/// Work the shell does with the phone's hardware or the OS, then reports
/// back.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Effect {
    /// Show the in-app camera (front camera first) and hand the JPEG to
    /// `deliver_capture`. Never save it to the gallery or shared storage.
    CapturePhoto { checkin_id: String },
    /// Record 16-bit PCM WAV in memory, at most `max_seconds`.
    CaptureVoice {
        checkin_id: String,
        max_seconds: u32,
    },
    /// Take one location fix now (no background location, ever);
    /// `precise`: the policy needs the phone's best fix (an exact location,
    /// or whether the participant is inside an area), else an approximate
    /// one is enough (ask only for approximate location permission).
    CaptureLocation { checkin_id: String, precise: bool },
    /// Read the enrollment QR code; hand its text to `deliver_capture`.
    ScanCode,
    /// Hand this file to the OS share sheet.
    ShareFile { path: String, mime_type: String },
    RequestPermission { permission: Permission },
    Dial { phone: String },
    /// Send what waits, without holding the screen: call `perform` with
    /// `SyncNow` in the background, then ask for the route again.
    Sync,
    /// Take one location fix now, for the directory's distances only, and
    /// hand it back as `CaptureResult::Location` (any `checkin_id`). The
    /// core keeps it in memory for the search and never stores or sends it.
    LocateForSearch,
}

/// The result of an [`Effect`], handed back to the core.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CaptureResult {
    Photo { checkin_id: String, jpeg: Vec<u8> },
    Voice { checkin_id: String, wav: Vec<u8> },
    Location {
        checkin_id: String,
        latitude: f64,
        longitude: f64,
        accuracy_m: f64,
        /// When the fix was taken, milliseconds since the epoch (device clock).
        taken_at_ms: i64,
        /// `gps`, `network`, `fused`: as the platform names it.
        provider: String,
        /// The platform says the fix came from a mock or simulated source.
        mock: bool,
    },
    ScannedCode { text: String },
    /// The participant cancelled, or the hardware failed (`reason` is for
    /// logs, never shown).
    Cancelled { reason: String },
    /// The platform refused (permission denied).
    Denied { permission: Permission },
}

/// What the shell knows that the core cannot: the phone's permissions and
/// a managed configuration on a program-issued phone. Sent with every
/// request for a screen.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ShellContext {
    pub permissions: Vec<PermissionStatus>,
    pub managed: Option<ManagedConfig>,
}

/// The program's managed configuration on an issued phone (Android
/// `app_restrictions`, iOS `com.apple.configuration.managed`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ManagedConfig {
    pub server_url: Option<String>,
    pub enrollment_code: Option<String>,
    /// Base64 SHA-256 pins of the server's TLS keys.
    pub tls_pins: Vec<String>,
    pub language: Option<String>,
    /// The phone runs only this app (lock task / single app mode).
    pub kiosk: bool,
}

/// A group of notifications the participant can turn on and off in the
/// phone's settings (an Android notification channel, an iOS category).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NotificationChannel {
    /// Stable: `checkins` or `appointments`.
    pub id: String,
    pub name: String,
    pub description: String,
}

/// Words for the shell's own controls (the camera's shutter, the
/// recorder's stop, back), so a shell writes no text of its own, in the
/// participant's language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ShellWords {
    pub back: String,
    pub close: String,
    pub take_photo: String,
    pub switch_camera: String,
    pub start_recording: String,
    pub stop_recording: String,
    pub cancel: String,
    pub loading: String,
    /// Shown while the shell waits for a location fix.
    pub locating: String,
    /// Shown over the QR scanner's preview.
    pub scan_hint: String,
}

/// Why the app cannot show the participant's screens at all (the client
/// did not open, or cannot read its store now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Unavailable {
    /// The phone is locked and its key store will not open before the
    /// first unlock.
    Locked,
    /// The platform key is gone (a restored or reset phone).
    KeyLost,
    /// The phone's storage is full.
    StorageFull,
    /// Anything else.
    Unexpected,
}
