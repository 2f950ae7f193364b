"""Headless Chromium driven over the DevTools protocol, for the tests that must see a page as
a person does: at a given width, typing into its search box, counting the rows left.

Debian's `chromium` with the flags the guide names, and the websocket client Prefect already
brings (no Selenium or Playwright: one browser, a few protocol calls)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from base64 import b64decode
from itertools import count
from pathlib import Path

import pytest
from websockets.sync.client import connect

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: .ci/run installs Debian's chromium package")
    pytest.skip("chromium is not installed (apt-get install chromium)")


class Browser:
    """One Chromium process; `open()` gives a tab at a width."""

    def __init__(self, profile: Path) -> None:
        self.process = subprocess.Popen(
            [chromium(), *FLAGS, "--remote-debugging-port=0", f"--user-data-dir={profile}"]
            + ["--allow-file-access-from-files", "about:blank"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        address = None
        deadline = time.monotonic() + 60
        while address is None and time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            if found := re.search(r"DevTools listening on (ws://\S+)", line):
                address = found.group(1)
        if address is None:
            self.close()
            raise RuntimeError("chromium did not start its DevTools endpoint")
        self.socket = connect(address, max_size=None, open_timeout=30)
        self.ids = count(1)

    def call(self, method: str, session: str | None = None, **params):
        number = next(self.ids)
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv(timeout=120))
            if reply.get("id") == number:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def open(self, url: str, width: int, height: int = 900) -> Tab:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, session)
        tab.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        tab.call("Page.navigate", url=url)
        tab.wait("document.readyState === 'complete' && location.href !== 'about:blank'")
        return tab

    def close(self) -> None:
        try:
            self.socket.close()
        except AttributeError:
            pass
        self.process.kill()
        self.process.wait(timeout=30)


class Tab:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser, self.session = browser, session

    def call(self, method: str, **params):
        return self.browser.call(method, self.session, **params)

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, condition: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not self.js(f"Boolean({condition})"):
            if time.monotonic() > deadline:
                raise TimeoutError(condition)
            time.sleep(0.05)

    def type_into(self, selector: str, text: str) -> None:
        """Focus the field and type as a keyboard does (the page sees input events)."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", text=text)

    def screenshot(self, path: Path) -> None:
        """The whole page at the tab's width (up to 8,000 px tall)."""
        height = min(self.js("document.documentElement.scrollHeight"), 8000)
        width = self.js("window.innerWidth")
        shot = self.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b64decode(shot["data"]))

    def overflowing_tables(self) -> list[str]:
        """Tables wider than the box they sit in, unless that box scrolls sideways (then the
        table is whole, a swipe away), and whether the page itself is wider than the window."""
        return self.js(
            """(() => {
              const bad = [];
              if (document.documentElement.scrollWidth > window.innerWidth + 1)
                bad.push('page ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
              for (const t of document.querySelectorAll('table')) {
                const box = t.parentElement;
                const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                const right = t.getBoundingClientRect().right;
                const limit = Math.min(box.getBoundingClientRect().right, window.innerWidth);
                if (!scrolls && right > limit + 1)
                  bad.push((t.id || t.className || t.rows[0]?.innerText.slice(0, 40))
                           + ' ' + Math.round(right) + ' > ' + Math.round(limit));
              }
              return bad;
            })()"""
        )
