"""The served HTML pages: join, trainer sign-in, the terminal page, and refusals.

Every value is escaped here; nothing is fetched from outside the server (the font and
the terminal script come from textual-serve's package, under /static/).
"""

from __future__ import annotations

from html import escape

CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
"""Content-Security-Policy of every page: the browser itself refuses anything from
another origin."""

_STYLE = """
@font-face { font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
body { background: #0c181f; color: #eee; font-family: "Roboto Mono", monospace; margin: 0; }
main { max-width: 28rem; margin: 8vh auto; padding: 1.5rem; background: #12232d; }
h1 { font-size: 1.3rem; margin-top: 0; }
label { display: block; margin: 1rem 0 .3rem; }
input { width: 100%; box-sizing: border-box; font: inherit; font-size: 1.2rem; padding: .5rem; }
button { margin-top: 1.3rem; font: inherit; font-size: 1.1rem; padding: .6rem 1.4rem;
  background: #5e0ba7; color: #fff; border: none; cursor: pointer; }
.error { background: #6b1d1d; padding: .6rem; margin-bottom: 1rem; }
.hint { color: #aab; font-size: .9rem; }
"""


def _page(title: str, body: str, status_note: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{status_note}{body}</main></body></html>"
    )


def _error(message: str | None) -> str:
    return f"<p class='error' role='alert'>{escape(message)}</p>" if message else ""


def join_page(class_name: str, error: str | None = None, name: str = "") -> str:
    body = f"""
<h1>{escape(class_name)}</h1>
<form method="post" action="/join" autocomplete="off">
  <label for="code">Join code · Kode kelas</label>
  <input id="code" name="code" inputmode="numeric" required maxlength="32">
  <label for="name">Your name · Nama Anda</label>
  <input id="name" name="name" required maxlength="60" value="{escape(name)}">
  <label for="pin">PIN (4–8 digits · angka)</label>
  <input id="pin" name="pin" type="password" inputmode="numeric" required
         pattern="[0-9]{{4,8}}" maxlength="8">
  <p class="hint">First time: choose a PIN and remember it; you need it to come back.
  · Pertama kali: pilih PIN dan ingat, untuk kembali nanti.</p>
  <button type="submit" id="join">Join · Masuk</button>
</form>"""
    return _page(f"quizapp · {class_name}", body, _error(error))


def trainer_page(class_name: str, error: str | None = None) -> str:
    body = f"""
<h1>{escape(class_name)} · trainer</h1>
<form method="post" action="/trainer" autocomplete="off">
  <label for="code">Trainer code</label>
  <input id="code" name="code" type="password" required maxlength="64">
  <button type="submit" id="enter">Watch the class</button>
</form>"""
    return _page(f"quizapp · {class_name} · trainer", body, _error(error))


def message_page(title: str, message: str) -> str:
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>")


def full_page(limit: int) -> str:
    return message_page(
        "The class is full · Kelas penuh",
        f"All {limit} places are taken right now. Wait a minute and reload this page. "
        "· Semua tempat sedang terpakai; tunggu sebentar lalu muat ulang halaman ini.",
    )


def terminal_page(title: str, ws_path: str) -> str:
    """The terminal: textual-serve's script and styles, from this server only."""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
@font-face {{ font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }}
html, body {{ margin: 0; height: 100%; background: #0c181f; }}
#terminal {{ position: absolute; inset: 0; }}
.closed {{ display: none; position: absolute; inset: 0; z-index: 10; align-items: center;
  justify-content: center; background: rgba(12, 24, 31, .9); color: #eee;
  font-family: "Roboto Mono", monospace; flex-direction: column; }}
body.-closed .closed {{ display: flex; }}
.closed button {{ font: inherit; padding: .6rem 1.4rem; background: #5e0ba7; color: #fff;
  border: none; margin-top: 1rem; cursor: pointer; }}
</style></head>
<body>
<div class="closed"><p>Disconnected. Nothing is lost. · Terputus. Tidak ada yang hilang.</p>
<button type="button" id="reconnect" onclick="location.reload()">Reconnect · Sambung lagi</button>
</div>
<div id="terminal" class="textual-terminal" data-font-size="16"></div>
<script>
// The websocket on this very origin (ws: or wss: as the page came), proxy or not.
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "{escape(ws_path)}";
</script>
<script src="/static/js/textual.js"></script>
</body></html>"""
