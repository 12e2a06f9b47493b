# Hints shown before a check-in is submitted, one per media quality issue.
# Ids are stable: core/src/media/report.rs (PhotoIssue/VoiceIssue::message_id).
# Keep them short and plain; many readers are on small screens.

photo-too-dark = The photo is too dark. Move to a brighter place or face a window.
photo-too-bright = The photo is too bright. Move out of direct sunlight or away from the lamp.
photo-blurry = The photo is blurry. Hold the phone still and try again.
photo-no-face = We could not see your face. Look straight at the camera.
photo-face-too-small = Your face is too small. Hold the phone a little closer.
photo-face-off-centre = Your face is not in the middle. Move so your face is in the centre.
photo-multiple-faces = Other people are in the photo. Their faces will be blurred, or you can take it again alone.

voice-no-speech = We could not hear you speaking. Hold the phone near your mouth and try again.
voice-too-quiet = Your voice is very quiet. Speak a little louder or closer to the phone.
voice-clipping = The sound is distorted. Hold the phone a little farther away or speak more softly.
voice-too-short = The recording is very short. Please say the full message.
voice-too-long = The recording is long. You can keep it, or record a shorter message.
