"""Database engine, sessions, the declarative base and column types. Imports no domain."""
