"""With the online option off, checking an article opens no socket beyond loopback.

Every way out of the process goes through ``socket.getaddrinfo`` (name look-ups),
``socket.socket.connect``/``connect_ex`` or ``socket.create_connection``. The
``guard`` fixture wraps them: a non-loopback destination is recorded and refused
(OSError), so a hidden network call both fails loudly and shows up in the record.
A positive control proves the guard catches a real attempt.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from pathlib import Path

import pytest

from borderwatch.check import check_text

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_f87aa17481a03d45.txt"


def _loopback(host) -> bool:
    if host is None:
        return True  # AI_PASSIVE look-ups / unspecified: no destination
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host)
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


class Guard:
    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> None:
        self.attempts.append(what)
        raise OSError(f"test_no_network: refused non-loopback network access: {what}")


@pytest.fixture
def guard(monkeypatch) -> Guard:
    g = Guard()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create_connection = socket.create_connection

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            g.refuse(f"getaddrinfo({host!r})")
        return real_getaddrinfo(host, *args, **kwargs)

    def _check_address(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            g.refuse(f"connect{address!r}")

    def connect(self, address):
        _check_address(self, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        _check_address(self, address)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        if not _loopback(address[0]):
            g.refuse(f"create_connection{address!r}")
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return g


def test_guard_catches_a_real_attempt(guard):
    """Positive control: the guard sees and refuses a connection to a public address."""
    with pytest.raises(OSError, match="refused non-loopback"):
        socket.create_connection(("93.184.216.34", 80), timeout=0.1)
    with pytest.raises(OSError, match="refused non-loopback"):
        socket.getaddrinfo("nominatim.openstreetmap.org", 443)
    with socket.socket() as s, pytest.raises(OSError, match="refused non-loopback"):
        s.connect(("8.8.8.8", 53))
    assert len(guard.attempts) == 3


def test_guard_lets_loopback_through(guard):
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        with socket.create_connection(srv.getsockname(), timeout=1):
            pass
    assert guard.attempts == []


def test_check_text_on_the_seed_opens_no_socket(guard):
    report = check_text(SEED.read_text(encoding="utf-8"))
    assert report.results, "the seed article has distance claims"
    assert guard.attempts == []
    assert not any("online" in r.measurement.dataset.lower() for r in report.results if r.measurement)


def test_cli_check_on_the_seed_opens_no_socket(guard, capsys):
    cli = pytest.importorskip("borderwatch.cli", reason="src/borderwatch/cli.py not written yet")
    code = cli.main(["check", str(SEED), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, f"exit code {code!r}"
    assert guard.attempts == []
    json.loads(out)  # the JSON report came out whole
    assert "Nominatim" not in out


def test_only_the_online_option_reaches_for_the_network(guard, capsys, tmp_path, monkeypatch):
    """Control: with --online, a name missing from the gazetteer is sent to Nominatim
    (here refused by the guard, so nothing leaves), the failure is recorded, and the
    article is still checked. Without --online the same article sends nothing."""
    cli = pytest.importorskip("borderwatch.cli", reason="src/borderwatch/cli.py not written yet")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a cold cache
    article = tmp_path / "a.txt"
    article.write_text("Zorkiv is about 40 km from Gomel.", encoding="utf-8")
    assert cli.main(["check", str(article), "--format", "json"]) == 0
    assert guard.attempts == []
    capsys.readouterr()
    assert cli.main(["check", str(article), "--format", "json", "--online"]) == 0
    assert any("nominatim.openstreetmap.org" in a for a in guard.attempts), guard.attempts
    json.loads(capsys.readouterr().out)


def test_the_page_opens_no_socket(guard):
    """The page logic (AppTest: the seed article, a pasted article, claim selection) stays offline."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    app = str(Path(__file__).resolve().parents[1] / "app.py")
    at = AppTest.from_file(app, default_timeout=60).run()
    assert not at.exception
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="pasted").set_value("Vovchansk is about 5 km from the Russian border.").run()
    at.button(key="check_pasted").click().run()
    assert not at.exception
    assert guard.attempts == [], guard.attempts


def test_reading_an_html_upload_opens_no_socket(guard):
    """trafilatura reads the page it is given; the URLs the page names (canonical, og:image,
    links, images) are named as the source at most, never fetched."""
    from borderwatch.page import read_upload

    html = (b'<html><head><link rel="canonical" href="http://203.0.113.9/a">'
            b'<meta property="og:image" content="http://203.0.113.9/i.png"></head><body><nav>Home</nav>'
            b'<article><p>Kharkiv is about 30 km from the Russian border, officials said on Monday.</p>'
            b'<img src="http://203.0.113.9/x.png"><a href="http://203.0.113.9/b">more</a></article></body></html>')
    art = read_upload("page.html", html)
    assert "Kharkiv is about 30 km" in art.text and art.url == "http://203.0.113.9/a"
    assert guard.attempts == []
