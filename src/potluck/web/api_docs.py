"""Interactive API docs at /api/v1/docs: Swagger UI from the npm package, no CDN, no inline script."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from potluck.web.assets import static_url

router = APIRouter(include_in_schema=False)


@router.get("/api/v1/docs")
async def api_docs(_request: Request) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Potluck API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/svg+xml" href="{static_url("img/logo.svg")}">
<link rel="stylesheet" href="{static_url("vendor/swagger-ui/swagger-ui.css")}">
</head><body><div id="swagger-ui" data-openapi-url="/api/v1/openapi.json"></div>
<script src="{static_url("vendor/swagger-ui/swagger-ui-bundle.js")}"></script>
<script src="{static_url("js/api-docs.js")}"></script>
</body></html>"""
    return HTMLResponse(html)
