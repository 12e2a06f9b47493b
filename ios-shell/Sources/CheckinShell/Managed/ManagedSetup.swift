// ManagedSetup: an issued phone sets itself up from the MDM's
// configuration, with nobody typing: it enrolls with the given server,
// code and TLS pins, asks for single app mode when the configuration says
// kiosk, and reports the outcome as managed feedback.
//
// Run it at launch, on every return to the foreground and when the
// configuration changes. Guarantees: an enrolled phone is never enrolled
// again (a new configuration does not move it to another program); a
// failure is one attempt per run, reported by code, never a loop; the
// feedback is written on every run, whatever happened.
//
// Interim for enrollment: once the core's screens are in the bindings, the
// configuration also goes to them as `ShellContext.managed` and the core's
// Enroll screen shows it pre-filled; `enrollWithPins` stays the way an
// issued phone enrolls before anyone looks at it.
import CheckinCore
import Foundation

public struct ManagedSetup {
    public let client: CoreClient
    public let source: ManagedSettingsSource
    public let singleAppMode: SingleAppMode

    public init(client: CoreClient, source: ManagedSettingsSource, singleAppMode: SingleAppMode) {
        self.client = client
        self.source = source
        self.singleAppMode = singleAppMode
    }

    /// What a run found and did.
    public struct Outcome {
        /// The parsed configuration, nil when absent or invalid.
        public let config: ManagedAppConfig?
        public let feedback: ManagedFeedback
        /// This run enrolled the phone.
        public let enrolledNow: Bool
    }

    /// Reads the configuration without acting on it (for choosing the
    /// client's language before it opens).
    public static func read(from source: ManagedSettingsSource) -> Result<ManagedAppConfig, ManagedConfigError>? {
        guard let dictionary = source.managedConfiguration() else { return nil }
        do {
            return .success(try ManagedAppConfig(parsing: dictionary))
        } catch let error as ManagedConfigError {
            return .failure(error)
        } catch {
            return .failure(.invalidValue(key: .serverURL, reason: "unreadable"))
        }
    }

    @MainActor
    public func apply(now: Date = Date()) async -> Outcome {
        var feedback = ManagedFeedback(enrolled: (try? client.isEnrolled()) ?? false,
                                       configuration: .absent, updatedAt: now)
        var enrolledNow = false
        var config: ManagedAppConfig?
        // nil: leave single app mode as it is (the configuration is unreadable).
        var kioskWanted: Bool? = false
        switch ManagedSetup.read(from: source) {
        case nil:
            break
        case .failure(let error):
            feedback.configuration = .invalid
            feedback.lastError = error.failureCode
            kioskWanted = nil
        case .success(let parsed):
            config = parsed
            feedback.configuration = .valid
            kioskWanted = parsed.kiosk
            if !feedback.enrolled, let url = parsed.serverURL, let code = parsed.enrollmentCode {
                do {
                    _ = try await client.enrollWithPins(serverUrl: url, code: code, tlsPins: parsed.tlsPins)
                    feedback.enrolled = true
                    enrolledNow = true
                } catch {
                    feedback.lastError = FailureCode(of: error)
                }
            }
        }
        feedback.singleAppMode = await kiosk(wanted: kioskWanted)
        source.writeFeedback(feedback.dictionary)
        return Outcome(config: config, feedback: feedback, enrolledNow: enrolledNow)
    }

    /// Enters single app mode when wanted, leaves it when no longer wanted.
    @MainActor
    private func kiosk(wanted: Bool?) async -> ManagedFeedback.Kiosk {
        guard let wanted else { return singleAppMode.isActive ? .active : .off }
        if wanted {
            if singleAppMode.isActive { return .active }
            return await singleAppMode.request(enabled: true) ? .active : .refused
        }
        if singleAppMode.isActive {
            _ = await singleAppMode.request(enabled: false)
        }
        return .off
    }
}
