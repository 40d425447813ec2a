"""What the app remembers between requests (quiet channels, answered events): SQLite or Redis."""
