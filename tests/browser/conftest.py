"""Browser-test scaffolding: a real Streamlit server and Debian's chromium.

* ``app_server`` starts ``streamlit run app.py`` on a free loopback port for the
  whole session and yields its base URL.
* ``browser_type_launch_args`` points pytest-playwright at ``/usr/bin/chromium``
  (never ``playwright install``: it downloads a browser, which fails offline).
* ``network_log`` records every request, websocket and failed request of a page so
  tests can prove the page is fully offline.

Without chromium the browser tests skip with a loud reason on a developer's
machine, and FAIL when the ``CI`` environment variable is set: in CI they must run.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
from browserkit import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

HEALTH_TIMEOUT_S = 60.0


def _missing_chromium_message() -> str:
    return (
        f"BROWSER TESTS NOT RUN: {CHROMIUM} not found. Install Debian's chromium "
        "(`apt-get install chromium`; `make test` does it when run as root). "
        "Never `playwright install`."
    )


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    """Skip loudly without chromium, but fail in CI (where the tests must run)."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {_missing_chromium_message()}", pytrace=False)
    pytest.skip(_missing_chromium_message())


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch args, with Debian's chromium and quiet flags."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, n: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return "<no log>"


@pytest.fixture(scope="session")
def app_server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the page's server (``app_server``) writes its output: a failing test may quote it."""
    return tmp_path_factory.mktemp("streamlit") / "server.log"


@pytest.fixture(scope="session")
def app_server(app_server_log: Path):
    """Run ``streamlit run app.py`` from the repo root; yield ``http://127.0.0.1:PORT``."""
    port = _free_port()
    log_path = app_server_log
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
    ]
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, env=env
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {proc.returncode} before becoming "
                    f"healthy; log:\n{_tail(log_path)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy after {HEALTH_TIMEOUT_S:.0f} s; "
                    f"log:\n{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class NetworkLog:
    """Every URL a page asked for (requests and websockets) and every failure."""

    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def urls(self) -> list[str]:
        return self.requests + self.websockets

    def non_loopback_hosts(self) -> list[str]:
        """Sorted hosts outside 127.0.0.0/8, ::1 and localhost.

        URLs without a host (``data:``, ``blob:``, ``about:``) are not network
        traffic and are ignored.
        """
        hosts = set()
        for url in self.urls():
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about", "javascript"):
                continue
            if not _is_loopback(parts.hostname):
                hosts.add(parts.hostname or url)
        return sorted(hosts)

    def non_loopback_urls(self) -> list[str]:
        hosts = set(self.non_loopback_hosts())
        return [u for u in self.urls() if (urlsplit(u).hostname or u) in hosts]


@pytest.fixture
def network_log(page) -> NetworkLog:
    """Attach to *page* (all its frames, including the map iframe) before use."""
    log = NetworkLog()
    page.on("request", lambda req: log.requests.append(req.url))
    page.on("websocket", lambda ws: log.websockets.append(ws.url))
    page.on(
        "requestfailed",
        lambda req: log.failed.append((req.url, req.failure or "unknown failure")),
    )
    return log


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
