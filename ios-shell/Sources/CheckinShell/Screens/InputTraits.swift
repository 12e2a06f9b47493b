// InputTraits: how the keyboard behaves for each kind of field the core
// asks for (`FieldKind`), as plain values the SwiftUI field applies. Kept
// here, not in the view, so the choices are written once and tested.
//
// - a server address: the URL keyboard, no capitals, no autocorrection
//   (iOS would "fix" a host name), no spell check;
// - an enrollment code: capitals, no autocorrection, a monospaced face so
//   0/O and 1/I read apart, and the one-time-code content type so iOS
//   offers a code from Messages;
// - a time of day: digits and punctuation, typed as the core's hint shows
//   (`7:30`); the core reads it;
// - text: the defaults.
import CheckinCore
import Foundation

public struct InputTraits: Equatable, Sendable {
    public enum Keyboard: Equatable, Sendable {
        case standard
        case url
        case asciiCapable
        case numbersAndPunctuation
    }

    public enum Capitalization: Equatable, Sendable {
        case none
        case sentences
        case characters
    }

    public enum Content: Equatable, Sendable {
        case none
        case url
        case oneTimeCode
    }

    public let keyboard: Keyboard
    public let capitalization: Capitalization
    public let autocorrection: Bool
    public let content: Content
    public let monospaced: Bool

    public init(_ kind: FieldKind) {
        switch kind {
        case .serverUrl:
            self.init(keyboard: .url, capitalization: .none, autocorrection: false, content: .url, monospaced: false)
        case .enrollmentCode:
            self.init(keyboard: .asciiCapable, capitalization: .characters, autocorrection: false,
                      content: .oneTimeCode, monospaced: true)
        case .timeOfDay:
            self.init(keyboard: .numbersAndPunctuation, capitalization: .none, autocorrection: false,
                      content: .none, monospaced: false)
        case .text:
            self.init(keyboard: .standard, capitalization: .sentences, autocorrection: true, content: .none,
                      monospaced: false)
        }
    }

    init(keyboard: Keyboard, capitalization: Capitalization, autocorrection: Bool, content: Content, monospaced: Bool) {
        self.keyboard = keyboard
        self.capitalization = capitalization
        self.autocorrection = autocorrection
        self.content = content
        self.monospaced = monospaced
    }
}
