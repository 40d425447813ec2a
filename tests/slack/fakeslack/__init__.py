"""A fake Slack on 127.0.0.1 for end-to-end tests: Web API, response_url and Socket Mode WebSocket."""

from fakeslack.server import BOT_TOKEN, BOT_USER_ID, Call, FakeSlack

__all__ = ["BOT_TOKEN", "BOT_USER_ID", "Call", "FakeSlack"]
