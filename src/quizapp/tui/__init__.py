"""The Textual app: the only layer of quizapp that imports textual."""
