"""The served HTML pages: join, trainer sign-in, the terminal page, and refusals.

Every value is escaped here; nothing is fetched from outside the server (the font and
the terminal script come from textual-serve's package, under /static/). The pages' words
are the catalog's (`web.*`), in the language `page_language` chooses for the request.
"""

from __future__ import annotations

from html import escape

from quizapp import i18n

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


def page_language(explicit: str | None, learner: str | None, accept: str | None) -> str:
    """The language of a page: `quizapp serve --lang`, else the stored language of the
    learner it is for, else the first of the browser's `Accept-Language` (by its weights)
    with a catalog (`id-ID` is Indonesian), else English."""
    languages = i18n.languages()
    for choice in (explicit, learner):
        code = _base(choice or "")
        if code in languages:
            return code
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate((accept or "").split(",")[:32]):
        tag, _, params = item.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            ranked.append((-weight, i, _base(tag)))
    for _, _, code in sorted(ranked):
        if code in languages:
            return code
    return i18n.SOURCE_LANGUAGE


def _base(tag: str) -> str:
    return tag.strip().split("-")[0].split("_")[0].lower()


def _page(title: str, body: str, status_note: str = "", lang: str = i18n.SOURCE_LANGUAGE) -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='{escape(lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{status_note}{body}</main></body></html>"
    )


def _error(message: str | None) -> str:
    return f"<p class='error' role='alert'>{escape(message)}</p>" if message else ""


def join_page(
    class_name: str, lang: str = i18n.SOURCE_LANGUAGE, error: str | None = None, name: str = ""
) -> str:
    def w(key: str) -> str:
        return escape(i18n.t(f"web.{key}", lang))

    body = f"""
<h1>{escape(class_name)}</h1>
<form method="post" action="/join" autocomplete="off">
  <label for="code">{w("join_code")}</label>
  <input id="code" name="code" inputmode="numeric" required maxlength="32">
  <label for="name">{w("your_name")}</label>
  <input id="name" name="name" required maxlength="60" value="{escape(name)}">
  <label for="pin">{w("pin")}</label>
  <input id="pin" name="pin" type="password" inputmode="numeric" required
         pattern="[0-9]{{4,8}}" maxlength="8">
  <p class="hint">{w("pin_hint")}</p>
  <button type="submit" id="join">{w("join")}</button>
</form>"""
    return _page(f"quizapp · {class_name}", body, _error(error), lang)


def trainer_page(
    class_name: str, lang: str = i18n.SOURCE_LANGUAGE, error: str | None = None
) -> str:
    heading = i18n.t("web.trainer", lang, name=class_name)
    body = f"""
<h1>{escape(heading)}</h1>
<form method="post" action="/trainer" autocomplete="off">
  <label for="code">{escape(i18n.t("web.trainer_code", lang))}</label>
  <input id="code" name="code" type="password" required maxlength="64">
  <button type="submit" id="enter">{escape(i18n.t("web.watch", lang))}</button>
</form>"""
    return _page(f"quizapp · {heading}", body, _error(error), lang)


def message_page(title: str, message: str, lang: str = i18n.SOURCE_LANGUAGE) -> str:
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>", lang=lang)


def full_page(limit: int, lang: str = i18n.SOURCE_LANGUAGE) -> str:
    return message_page(
        i18n.t("web.full_title", lang), i18n.t("web.full_text", lang, n=limit), lang
    )


def terminal_page(title: str, ws_path: str, lang: str = i18n.SOURCE_LANGUAGE) -> str:
    """The terminal: textual-serve's script and styles, from this server only."""
    disconnected = escape(i18n.t("web.disconnected", lang))
    reconnect = escape(i18n.t("web.reconnect", lang))
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
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
<div class="closed"><p>{disconnected}</p>
<button type="button" id="reconnect" onclick="location.reload()">{reconnect}</button>
</div>
<div id="terminal" class="textual-terminal" data-font-size="16"></div>
<script>
// The websocket on this very origin (ws: or wss: as the page came), proxy or not.
document.getElementById("terminal").dataset.sessionWebsocketUrl =
  (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "{escape(ws_path)}";
</script>
<script src="/static/js/textual.js"></script>
</body></html>"""
