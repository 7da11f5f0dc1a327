"""The HTTP layer shared by every domain: boundary, errors, security middleware, pages."""
