// DeepLink: a `checkin://` link that opens the app, as the screen it
// leads to. The core writes two kinds into its reminders
// (`checkin://window/<id>`, `checkin://appointment/<id>`) and programs
// hand out enrollment QR codes (`checkin://enroll?server=…&code=…`) that
// the Camera app may open instead of the app's scanner.
//
// Guarantees: only these three shapes are read; anything else is nil and
// opens nothing. An enrollment link is not parsed here: its text goes to
// the core as a scanned code, which checks it and refuses what is not
// one. A link never carries personal data to a log.
import CheckinCore
import Foundation

public enum DeepLink: Equatable {
    /// Show this route (the core still redirects, e.g. to enrollment).
    case route(Route)
    /// The program's enrollment link, handed to the core as scanned.
    case enrollment(String)

    /// The scheme of the app's links (App/Info.plist, CFBundleURLSchemes).
    public static let scheme = "checkin"

    public init?(_ link: String) {
        guard let url = URL(string: link.trimmingCharacters(in: .whitespacesAndNewlines)),
              url.scheme?.lowercased() == DeepLink.scheme, let host = url.host?.lowercased()
        else { return nil }
        let parts = url.path.split(separator: "/").map(String.init)
        switch (host, parts.count) {
        case ("window", 1):
            // Home shows the window that is due, with its "start" action.
            self = .route(.home)
        case ("appointment", 1):
            self = .route(.appointment(appointmentId: parts[0]))
        case ("enroll", 0):
            self = .enrollment(link)
        default:
            return nil
        }
    }
}
