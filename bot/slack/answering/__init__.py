"""Answering people: parsing what they typed, answers in threads, keyword commands, thread triage."""
