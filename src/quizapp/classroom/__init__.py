"""Class mode: `quizapp serve` puts the app in learners' browsers (textual-serve's
process protocol and page script), behind a join code, a name and a PIN.

Never imports textual: each browser tab runs the app in a process of its own
(`quizapp.tui.classroom`), which the server starts with a fixed command line.
"""
