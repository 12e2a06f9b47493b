# "What this program collects" (core/src/disclosure.rs), generated from the
# program's policy. $requirement is required, optional or off.

collect-program-unnamed = your program
collect-title = What { $program } collects from this phone
collect-when = Only when you check in. Nothing is collected in the background or between check-ins.
collect-photo = { $requirement ->
    [required] A photo of you at each check-in (required), reduced to { $px } pixels on its long side, with all hidden data removed.
    [optional] A photo of you at a check-in if you choose to take one, reduced to { $px } pixels on its long side, with all hidden data removed.
   *[off] No photos.
}
collect-blur-yes = Faces of other people in the photo are blurred on this phone before it is sent.
collect-blur-no = Faces of other people in the photo are not blurred.
collect-voice = { $requirement ->
    [required] A voice recording at each check-in (required), at most { $seconds } seconds.
    [optional] A voice recording at a check-in if you choose to make one, at most { $seconds } seconds.
   *[off] No voice recordings.
}
collect-location-none = Your location is never collected.
collect-location-precise = Your exact location at the moment you check in.
collect-location-coarse = Only your approximate location when you check in: the centre of the { $grid } m square you are in, never the exact point.
collect-location-area = Only whether you are inside the approved area when you check in (checked on this phone), never where you are.
collect-location-required = A check-in cannot be sent without a location.
collect-location-optional = A check-in can be sent without a location if your phone has none.
collect-location-flags = The check-in also says if the location was old, inaccurate or reported by the phone as simulated.
collect-retention = The photo and recording are deleted from this phone as soon as the program confirms receipt, and the rest of each received check-in { $days } days after it was taken (a check-in started and never sent is deleted then too). A check-in the program has not received yet is never deleted. Your record on this phone keeps a description of each check-in (what was sent, when, the location as sent, and the program's receipt) as your proof.
collect-receivers = Who receives it: { $receivers }.
collect-contact = Questions: { $contact } · Privacy notice: { $url }
collect-version = Policy version { $version }.
