"""Authoring: build question banks from content modules, scaffold and convert quizzes."""
