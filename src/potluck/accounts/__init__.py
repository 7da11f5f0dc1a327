"""People: users, log-in sessions, profiles."""
