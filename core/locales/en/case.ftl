# The participant's case (core/src/case, core/src/screens/case.rs): what
# the program wrote about their case, shown only to them. Calm, plain
# words. "Officer" follows the glossary in core/locales/STATUS.md.

## Home

home-open-case = My case

## Case screen

case-title = My case
case-none = The program has not sent your case information yet. It comes with the next sync.
case-number = Case number
# $last: the last three letters or digits of the case number.
case-number-masked-a11y = Case number ending in { $last }, hidden
case-show-number = Show the case number
case-hide-number = Hide the case number
case-officer = Your officer
case-contact-hours = When to reach your officer
case-officer-phone = Officer's phone
case-officer-email = Officer's email
case-call-officer = Call your officer
case-hearings = Next court hearings
case-open-hearing = See details
case-conditions = Your conditions
case-documents = Documents to bring
case-phones = Program phone numbers
case-call = Call
case-from-program = This information comes from your program. If something is wrong, call them.
# $date: "Monday, March 16"; $time: "9:05 AM"; $zone: the court's time
# zone ("MST") when it is not yours, else "none".
case-hearing-when = { $date } at { $time }{ $zone ->
    [none] {""}
   *[other] {" "}({ $zone })
}

## Ledger

case-change-received = Your case information was received.
case-change-number = Your case number changed.
case-change-officer = Your officer changed.
case-change-officer-contact = How to reach your officer changed.
case-change-phones = The program's phone numbers changed.
# $count: how many conditions.
case-change-conditions-added = { $count ->
    [one] 1 condition added.
   *[other] { $count } conditions added.
}
case-change-conditions-removed = { $count ->
    [one] 1 condition removed.
   *[other] { $count } conditions removed.
}
case-change-conditions-changed = { $count ->
    [one] 1 condition reworded.
   *[other] { $count } conditions reworded.
}
case-change-documents = The documents to bring changed.
# $revision: the case document's revision; $changes: the sentences above.
ledger-case = Received your case information, revision { $revision }. { $changes }
