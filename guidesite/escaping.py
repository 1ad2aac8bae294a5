"""Header fields and record values as literal text in the pages the build writes (pure).

A guide's header (title, description, author, translator, dates, original, ...) may come from an
imported tutobook, and a record's device from what a kernel printed: neither is trusted Markdown or
HTML. Where the build puts them into a page they are escaped: HTML (``<script>``, ``onerror``),
Markdown that could make HTML (``{: onclick=...}`` attribute lists, links), and the ``|`` that would
split a table cell, so they show as written. The front matter's title and description are HTML-escaped
for the theme, which inserts them into <title>, the header, the navigation and a <meta> attribute
without escaping them.
"""

from __future__ import annotations

import html
import re

# Backslash-escaped in Markdown text; everything else Markdown reads there needs one of these first
# (a link needs "[", an attribute list "{", emphasis "*" or "_", a code span "`", a table cell "|").
_MARKDOWN = re.compile(r"([\\`*_{}\[\]|])")
# What an author or translator field may keep as a link: [name](http(s) or mailto address).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\"'`{}|\\]+)\)")
_URL = re.compile(r"https?://[^\s<>\"'`{}|\\]+")


def front_matter_text(value) -> str:
    """A value for the page's front matter (the theme inserts it as HTML, unescaped)."""
    return html.escape(str(value), quote=True)


def markdown_text(value) -> str:
    """Text that Markdown shows exactly as written: no HTML, links, attribute lists or table cells."""
    escaped = _MARKDOWN.sub(r"\\\1", str(value))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def markdown_with_links(value) -> str:
    """As markdown_text, but keeping [name](https://...) links (keras.io's "Authors:" lines have them)."""
    text, parts, start = str(value), [], 0
    for link in _LINK.finditer(text):
        parts += [markdown_text(text[start: link.start()]), f"[{markdown_text(link[1])}]({link[2]})"]
        start = link.end()
    return "".join([*parts, markdown_text(text[start:])])


def markdown_url(value) -> str:
    """An http(s) address as a Markdown autolink; anything else as literal text."""
    text = str(value)
    return f"<{text}>" if _URL.fullmatch(text) else markdown_text(text)
