"""The Web API client and everything that calls Slack: sending replies, private answers, reading threads."""
