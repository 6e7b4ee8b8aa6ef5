"""Headless Chromium (Debian's `chromium` + `chromium-driver`) driven by Selenium, for the review
page's browser test and screenshots. Nothing is downloaded: the driver path is given explicitly and
Selenium Manager is kept offline. Selenium is a test dependency (`pip install -e '.[dev]'`).

    python -m extract.review.browser review/002_f22bba41d68000d2.pdf.html shot.png --click 5
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")


def executables() -> tuple[str, str] | None:
    """(chromium, chromedriver) when both are installed, else None."""
    browser = next((p for p in CHROMIUM if os.access(p, os.X_OK)), None)
    driver = next((p for p in CHROMEDRIVER if os.access(p, os.X_OK)), None)
    return (browser, driver) if browser and driver else None


class Browser:
    """A Chromium session with a fresh profile, closed (and its profile removed) on exit."""

    def __init__(self, width: int = 1600, height: int = 1000, timeout_s: float = 60) -> None:
        found = executables()
        if found is None:
            raise RuntimeError("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for a driver on the network
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        self.profile = tempfile.mkdtemp(prefix="cchc-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = found[0]
        for f in FLAGS:
            opts.add_argument(f)
        opts.add_argument(f"--user-data-dir={self.profile}")
        opts.add_argument(f"--window-size={width},{height}")
        self.driver = webdriver.Chrome(service=Service(executable_path=found[1]), options=opts)
        self.driver.set_page_load_timeout(timeout_s)
        self.driver.set_script_timeout(timeout_s)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def open(self, path: Path) -> None:
        self.driver.get(Path(path).resolve().as_uri())

    def click_fact(self, fact_id: int | str) -> None:
        from selenium.webdriver.common.by import By
        self.driver.find_element(By.CSS_SELECTOR, f'#list li[data-f="{fact_id}"]').click()

    def marked_text(self) -> str:
        """The text of the stretches marked as selected, in order."""
        return self.driver.execute_script(
            "return [...document.querySelectorAll('#text .m.sel')].map(e=>e.textContent).join('')")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("page", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--click", help="fact id to click first (data-f of its list item)")
    ap.add_argument("--size", default="1600x1000")
    a = ap.parse_args(argv)
    w, h = map(int, a.size.split("x"))
    with Browser(w, h) as b:
        b.open(a.page)
        if a.click is not None:
            b.click_fact(a.click)
        b.driver.save_screenshot(str(a.png))
    print(a.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
