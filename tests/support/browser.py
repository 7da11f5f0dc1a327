"""Helpers for browser tests: open a page that records CSP refusals and console errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, Response, ViewportSize

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

# Runs before any page script: records what the Content-Security-Policy refuses.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@dataclass
class PageWatch:
    """Everything the browser complained about, across every page a journey opened.

    With ``http_errors``, responses of 400 and above count too (pages that expect a refusal,
    such as a form with mistakes, leave it off).
    """

    http_errors: bool = False
    problems: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports CSP refusals on the console too, whichever page they happened on.
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.problems.append(f"page error: {error}")

    def on_response(self, response: Response) -> None:
        if self.http_errors and response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


async def open_page(
    browser: Browser, *, phone: bool, locale: str = "en-US", http_errors: bool = False, **options: object
) -> tuple[BrowserContext, Page, PageWatch]:
    context = await browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
        locale=locale,
        **options,  # type: ignore[arg-type]
    )
    await context.add_init_script(CSP_LISTENER)
    page = await context.new_page()
    watch = PageWatch(http_errors=http_errors)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("response", watch.on_response)
    return context, page, watch


async def csp_violations(page: Page) -> list[str]:
    violations: list[str] = await page.evaluate("window.__cspViolations")
    return violations
