"""Compatibility: code extraction now lives in bot.recognize (one module per producer of text)."""

from bot.recognize import BARE, EXPLICIT, HINTED, LABELLED, Mention, find_mentions, ftp_reply_lines

__all__ = ["BARE", "EXPLICIT", "HINTED", "LABELLED", "Mention", "find_mentions", "ftp_reply_lines"]
