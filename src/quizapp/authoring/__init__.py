"""Authoring tools: build question banks from content modules, scaffold new quiz files,
convert Moodle GIFT both ways, write TOML.

Never imports textual; the live preview lives in `quizapp.tui.preview`.
"""
