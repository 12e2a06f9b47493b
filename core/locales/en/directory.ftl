# Community services (core/src/directory, core/src/screens/directory.rs):
# the program's directory of shelter, food, legal aid, clinics, jobs and
# counselling, searched on the phone. Plain words: the reader may be
# looking for a shelter tonight. Searches and saved services never leave
# the phone, and the screens say so.

## Home

home-open-directory = Community services

## Search

directory-title = Community services
directory-none = The program has not sent a list of community services yet. It comes with the next sync.
directory-search-label = Search
directory-search-hint = Words like shelter, food, lawyer, clinic
directory-search-too-long = This search is too long. Use a few words.
directory-search = Search
directory-any = Any
# $label: a category or a language; $count: how many services.
directory-choice-count = { $label } ({ $count })
directory-category = Kind of help
directory-language = Language spoken
directory-when = When
directory-near = Distance from
directory-anywhere = Nowhere in particular
directory-near-me = Where I am now (asks your phone once)
directory-no-results = No service matches. Try fewer words or another kind of help.
# $count: how many services matched in all.
directory-results = { $count ->
    [one] 1 service
   *[other] { $count } services
}
directory-private = Your searches stay on this phone. They are never sent to the program.
directory-open-service = See details
directory-saved = Saved services
# $name: the service's name.
directory-saved-a11y = { $name }, saved
# $miles and $km: distances with one decimal, already written.
directory-distance = { $miles } mi ({ $km } km)
directory-open-now = Open now
directory-closed-now = Closed now
directory-temporarily-closed = Temporarily closed
directory-temporarily-closed-body = Call before you go: this service is closed for now.

## Saved services

directory-saved-title = Saved services
directory-saved-none = You have not saved any service. Open one and tap "Save".
directory-saved-private = Saved services are kept locked on this phone. They are never sent to the program.

## One service

directory-alert = Notice
directory-organization = Run by
directory-categories = Kind of help
directory-now = Now
directory-languages = Languages spoken
directory-fees = Cost
directory-eligibility = Who can go
directory-how-to-apply = How to get help
directory-documents = Documents to bring
directory-interpretation = Interpreters
directory-website = Website
directory-email = Email
directory-places = Where
directory-phones = Phone numbers
# $number: a phone number; $extension: its extension.
directory-extension = { $number } ext. { $extension }
directory-call = Call
directory-save = Save
directory-unsave = Remove from saved

## Opening hours

# $days: "Monday to Friday" or "Tuesday, Thursday"; $opens, $closes: "9:00 AM".
directory-hours = { $days }: { $opens } – { $closes }
directory-hours-all-day = { $days }: open 24 hours
directory-hours-some-days = Some days: { $opens } – { $closes }
directory-hours-ask = Call to ask when it is open
directory-every-day = Every day
# $first and $last: weekday names.
directory-days-range = { $first } to { $last }

## Languages, by their code in the directory

directory-language-en = English
directory-language-es = Spanish
directory-language-pt = Portuguese
directory-language-ht = Haitian Creole
directory-language-fr = French

## Ledger

# $count: how many services.
directory-change-added = { $count ->
    [one] 1 service added.
   *[other] { $count } services added.
}
directory-change-removed = { $count ->
    [one] 1 service removed.
   *[other] { $count } services removed.
}
directory-change-changed = { $count ->
    [one] 1 service changed.
   *[other] { $count } services changed.
}
# $revision: the directory's revision; $services: how many it lists;
# $changes: the sentences above, one after the other.
ledger-directory = Received the list of community services, revision { $revision } ({ $services } services). { $changes }
