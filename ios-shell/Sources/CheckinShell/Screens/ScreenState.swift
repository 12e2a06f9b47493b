// ScreenState: everything the views render, in one value: the core's
// screen, the text typed in its fields, whether a tap is being handled,
// and the capture surface over the screen while the hardware works.
// The shell adds no text of its own: every word on show is in `screen`.
import CheckinCore
import Foundation

public struct ScreenState: Equatable {
    /// The screen on show; nil until the core first answers.
    public var screen: Screen?
    /// The text of each input field of the screen, by field id: the core's
    /// value when the screen came, then what the participant typed.
    public var fields: [String: String] = [:]
    /// An action, a capture or a system prompt is under way: taps wait.
    public var busy = false
    /// What the shell shows over the screen while the hardware works.
    public var capture: CaptureSurface?
    /// The last call into the core that failed outright (its store could
    /// not be read, say), by code, never by message; nil once one succeeds.
    /// The screen on show stays as it was.
    public var problem: FailureCode?

    public init() {}
}

/// The shell's own surface over a screen while a capture runs.
public enum CaptureSurface: Equatable {
    /// The camera's preview and its shutter.
    case camera(checkinId: String)
    /// The microphone, since `startedAt`; it stops by itself after
    /// `maxSeconds`. `level` is the last meter reading.
    case recorder(checkinId: String, maxSeconds: UInt32, startedAt: Date, level: AudioLevel?)
    /// One location fix is being read.
    case locating(checkinId: String)
    /// The back camera looking for the enrollment QR code.
    case scanner
}
