"""Installing in many workspaces: Slack's OAuth v2 flow with Bolt's `OAuthSettings` (oauth.py), and
slack_sdk's installation and state stores, in SQLite or a shared SQL database (stores.py)."""
