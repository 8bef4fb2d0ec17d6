"""Reports on attempts, learners and classes; item analysis; writers per format.

Never imports textual: the TUI and the command line both build reports from here.
"""
