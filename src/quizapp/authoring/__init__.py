"""Authoring: build question banks from content modules, scaffold new quizzes, convert
Moodle GIFT both ways, write TOML. Never imports textual; `quizapp preview` lives in
`quizapp.tui.preview`."""
