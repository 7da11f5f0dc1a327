"""Small generic helpers. Nothing in kit imports a domain, db, or the app."""
