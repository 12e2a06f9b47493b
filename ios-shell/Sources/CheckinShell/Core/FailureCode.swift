// FailureCode: a short, stable name for what went wrong, for managed
// feedback, the status view and logs.
//
// Guarantee: a code is built from the error's type and case name only
// (`CheckinError.EnrollmentCodeInvalid` → `enrollment-code-invalid`), never
// from its message or payload, so it carries no photo, location, name or
// code. It follows the core's error variants without a table to keep in
// step: a variant added to the core gets its code the day it appears.
import CheckinCore
import Foundation

public struct FailureCode: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The code of `error`: its case name for the core's errors and the
    /// shell's own error enums, `other` for anything else.
    public init(of error: Error) {
        if let coded = error as? FailureCoded {
            self = coded.failureCode
        } else if error is CheckinError || error is KeyAccessError {
            self.init(FailureCode.kebab(FailureCode.caseName(of: error)))
        } else {
            self.init("other")
        }
    }

    public var description: String { rawValue }

    /// `EnrollmentCodeInvalid(message: "…")` → `EnrollmentCodeInvalid`.
    static func caseName(of error: Error) -> String {
        String(String(describing: error).prefix { $0 != "(" && $0 != "." })
    }

    /// `EnrollmentCodeInvalid` → `enrollment-code-invalid`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase, !out.isEmpty { out.append("-") }
            out.append(contentsOf: character.lowercased())
        }
        return out
    }
}

/// An error of the shell's own that names its failure code itself.
public protocol FailureCoded: Error {
    var failureCode: FailureCode { get }
}
