"""Widgets the screens share: answer inputs per question type."""
