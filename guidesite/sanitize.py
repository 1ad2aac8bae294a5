"""HTML and SVG outputs as a page may show them (pure; nh3 does the parsing and cleaning).

A guide's outputs are whatever its code displayed: a pandas table, a matplotlib or graphviz figure,
or anything a cell chose to send. HTML outputs are inlined into the page; SVG outputs become image
files beside it, served from the site, so opened on their own they run as documents of the site.
Both keep what draws (tables, text, shapes, styles) and lose what runs or reaches elsewhere: scripts,
event attributes, ``javascript:`` and remote addresses (an image or reference to another host is a
request the reader did not make: a tracker), ``<foreignObject>`` and animations that could set them.
Images inside outputs are kept only as ``data:`` images. Both functions are idempotent: rendering
cleans stored outputs again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# What matplotlib (paths, uses of glyphs, clip paths, embedded imshow rasters, a <style> rule) and graphviz
# (groups, polygons, ellipses, text, titles, links) write, and the usual shapes and paint servers.
SVG_TAGS = {
    "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "title", "desc", "clipPath", "mask", "pattern", "marker", "linearGradient",
    "radialGradient", "stop", "image", "a", "switch",
}
# Presentation attributes and geometry; never an event attribute (on*), never animation targets.
SVG_PROPERTIES = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "clip-path",
    "clip-rule", "mask", "marker-start", "marker-mid", "marker-end", "font-family", "font-size", "font-style",
    "font-weight", "font-stretch", "font-variant", "text-anchor", "dominant-baseline", "alignment-baseline",
    "baseline-shift", "letter-spacing", "word-spacing", "writing-mode", "text-decoration", "visibility",
    "display", "color", "stop-color", "stop-opacity", "overflow", "vector-effect", "shape-rendering",
    "text-rendering", "image-rendering", "paint-order", "white-space",
}
SVG_ATTRIBUTES = SVG_PROPERTIES | {
    "id", "class", "style", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx",
    "fy", "width", "height", "viewBox", "preserveAspectRatio", "d", "points", "pathLength", "offset",
    "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits", "maskUnits", "maskContentUnits",
    "patternUnits", "patternContentUnits", "patternTransform", "markerWidth", "markerHeight", "markerUnits",
    "refX", "refY", "orient", "dx", "dy", "rotate", "textLength", "lengthAdjust", "xmlns", "version",
    "href", "xlink:href", "xlink:title", "xml:space",
}
DROPPED_WITH_CONTENT = {"script", "style", "foreignObject"}
SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
_LOCAL_REF = re.compile(r"#[\w.:-]+")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*")
_URL = re.compile(r"url\(\s*['\"]?([^)'\"]*)", re.I)
# A <style> rule kept from the original (matplotlib writes `*{stroke-linejoin: round; ...}`): selectors
# and declarations of plain words, numbers and colours only; no url(), @import, escapes or quotes.
MAX_KEPT_CSS = 2000  # characters; matplotlib's rule has 50
_SELECTOR = re.compile(r"[\w*.#,>: \t\n-]+")
_DECLARATION = re.compile(r"[a-z-]+[ \t\n]*:[\w#.,% \t\n-]+")
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")


def _style_blocks(svg: str) -> Iterator[str]:
    """The text of each <style> element (a plain scan: the input may be large and hostile)."""
    lower, start = svg.lower(), 0
    while (opening := lower.find("<style", start)) >= 0:
        body = lower.find(">", opening)
        closing = lower.find("</style", body)
        if body < 0 or closing < 0:
            return
        yield _CDATA.sub("", svg[body + 1: closing]).strip()
        start = closing + 1


def _plain_css(css: str) -> bool:
    """Rules of plain selectors and declarations (words, numbers, colours): nothing that loads or runs."""
    if not css or len(css) > MAX_KEPT_CSS or not css.endswith("}"):
        return False
    for rule in css[:-1].split("}"):
        selector, brace, body = rule.partition("{")
        if not brace or not _SELECTOR.fullmatch(selector.strip() or "?"):
            return False
        if not all(_DECLARATION.fullmatch(d.strip()) for d in body.split(";") if d.strip()):
            return False
    return True


def _local_urls_only(value: str) -> bool:
    return all(_LOCAL_REF.fullmatch(target.strip()) for target in _URL.findall(value))


def _svg_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute_filter: references stay inside the document (#id), images are data: images."""
    if attribute == "href":  # href and xlink:href (nh3 passes the local name)
        keep = _DATA_IMAGE.fullmatch(value) if tag == "image" else _LOCAL_REF.fullmatch(value)
        return value if keep else None
    if attribute == "style":  # the declarations that reach elsewhere go, the others stay
        kept = [d.strip() for d in value.split(";") if d.strip() and _local_urls_only(d)]
        return "; ".join(kept) or None
    return value if _local_urls_only(value) else None


def sanitize_svg(svg: str) -> str:
    """An SVG document that draws what the original draws and can do nothing else."""
    import nh3  # imported here: only a guide with SVG or HTML output needs it

    styles = [css for css in _style_blocks(svg) if _plain_css(css)]
    cleaned = nh3.clean(
        svg, tags=SVG_TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes={"*": SVG_ATTRIBUTES},
        attribute_filter=_svg_attribute, filter_style_properties=SVG_PROPERTIES, url_schemes={"data"},
        link_rel=None, strip_comments=True,
    ).strip()
    # nh3 writes HTML: the one entity it may write that XML lacks, and the namespace declarations it
    # leaves out, which a standalone .svg file needs.
    cleaned = cleaned.replace("&nbsp;", "&#160;")
    root = re.match(r"<svg\b[^>]*>", cleaned)
    if root is None:
        return cleaned
    opening = root[0]
    if "xmlns=" not in opening:
        opening = opening.replace("<svg", f'<svg xmlns="{SVG_NS}"', 1)
    if "xlink:" in cleaned and "xmlns:xlink=" not in opening:
        opening = opening[:-1] + f' xmlns:xlink="{XLINK_NS}">'
    kept = "".join(f"<style>{css}</style>" for css in styles)
    return opening + kept + cleaned[root.end():]


def _html_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute_filter for HTML outputs: an image shows only data it carries (no tracker)."""
    if tag == "img" and attribute == "src":
        return value if _DATA_IMAGE.fullmatch(value) else None
    return None if value.strip().lower().startswith("data:") else value  # data: only as an image


def sanitize_html(html: str) -> str:
    """HTML output as it may appear on a page: no script, no style, no event attributes, no remote image."""
    import nh3

    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes["*"] = {"class", "title", "align", "border"}
    tags = set(nh3.ALLOWED_TAGS) - {"figure", "figcaption"}  # the page wraps HTML outputs in a <figure>
    cleaned = nh3.clean(
        html, tags=tags, attributes=attributes, attribute_filter=_html_attribute,
        url_schemes=set(nh3.ALLOWED_URL_SCHEMES) | {"data"}, link_rel="noopener noreferrer nofollow",
    )
    # Blank lines would end the HTML block in Markdown; inside HTML they mean nothing.
    return "\n".join(line for line in cleaned.split("\n") if line.strip())
