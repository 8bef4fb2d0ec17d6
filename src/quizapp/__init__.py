"""quizapp: a learning-module quiz engine for the terminal."""

__version__ = "0.1.0"
