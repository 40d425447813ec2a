"""Block Kit and mrkdwn: what the app says and how it looks (no Web API calls here)."""
