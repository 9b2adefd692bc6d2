"""Chromium for the page benches: Debian's browser, headless, with every request but the
page's own files blocked, so a figure never includes a fetch (and a page that tries one shows)."""
from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def open_ready(browser, path: Path, height: int, timeout_ms: int):
    """A new page showing `path` once the graph says it is ready, and the list of the URLs it
    tried to fetch (blocked)."""
    page = browser.new_page(viewport={"width": 1400, "height": height})
    blocked: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else (blocked.append(r.request.url), r.abort()))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kg && window.kg.ready === true", timeout=timeout_ms)
    return page, blocked
