"""SVG and HTML outputs as a page may show them: no script, event attribute, javascript: or remote address,
and SVG from matplotlib and graphviz still drawable (a well-formed SVG document with its shapes)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guidesite.cleaning import clean_output, from_notebook
from guidesite.model import Executed, Output, Record
from guidesite.render import image_files
from guidesite.sources import reads

from .conftest import guide_text

SVG_NS, XLINK = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}"
HOSTILE_SVG = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"
     viewBox="0 0 10 10" onload="alert(1)">
 <script>alert(2)</script>
 <script type="text/ecmascript"><![CDATA[ alert(3) ]]></script>
 <style>@import url(https://evil.example/x.css); * {fill: red}</style>
 <defs><path id="dot" d="M 0 0 L 1 1"/></defs>
 <g onclick="alert(4)" style="fill: url(https://evil.example/p#x); stroke: #000">
  <use xlink:href="#dot" x="1" y="1"/>
  <use xlink:href="https://evil.example/s.svg#dot"/>
  <a xlink:href="javascript:alert(5)"><text x="1" y="5">link&#160;text</text></a>
  <a href="javascript:alert(6)"><rect width="1" height="1"/></a>
 </g>
 <image xlink:href="https://evil.example/track.png" width="1" height="1"/>
 <image href="//evil.example/track.png" width="1" height="1"/>
 <image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
 <foreignObject width="5" height="5">
  <div xmlns="http://www.w3.org/1999/xhtml">html inside</div>
 </foreignObject>
 <animate attributeName="href" to="javascript:alert(7)"/>
 <set attributeName="onmouseover" to="alert(8)"/>
 <rect width="2" height="2" fill="url(#grad)" filter="url(https://evil.example/f)"/>
</svg>
"""


def _svg(data: str) -> Output:
    return clean_output(Output("image", "<Figure>", "image/svg+xml", data))


def _parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # a standalone .svg file is XML: it must parse as such


def test_hostile_svg_loses_scripts_events_and_remote_references():
    cleaned = _svg(HOSTILE_SVG).data
    root = _parsed(cleaned)
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == "0 0 10 10"
    for word in ("alert(", "javascript:", "evil.example", "<script", "onload", "onclick", "foreignObject",
                 "html inside", "@import", "<animate", "<set"):
        assert word not in cleaned, word
    tags = [element.tag.removeprefix(SVG_NS) for element in root.iter()]
    assert {"defs", "path", "g", "use", "text", "rect", "image"} <= set(tags)
    uses = root.findall(f".//{SVG_NS}use")
    assert [u.get(f"{XLINK}href") for u in uses] == ["#dot", None]
    images = [i.get(f"{XLINK}href") or i.get("href") for i in root.iter(f"{SVG_NS}image")]
    assert images == [None, None, "data:image/png;base64,iVBORw0KGgo="]
    assert root.find(f".//{SVG_NS}rect[@fill='url(#grad)']") is not None  # a local paint server stays
    assert "stroke: #000" in cleaned or "stroke:#000" in cleaned
    assert "link\u00a0text" in "".join(root.itertext())


def test_svg_sanitising_is_idempotent():
    once = _svg(HOSTILE_SVG).data
    assert _svg(once).data == once


def _matplotlib_svg() -> str:
    code = (
        "import io, matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\nax.plot([1, 2, 3], [1, 4, 9], label='squares')\nax.legend()\n"
        "ax.imshow([[0, 1], [1, 0]], extent=(1, 2, 1, 2))\nax.set_title('a <b> & c')\n"
        "buffer = io.StringIO()\nfig.savefig(buffer, format='svg')\nprint(buffer.getvalue())"
    )
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout


def _shapes(svg: str) -> dict[str, int]:
    root = _parsed(svg)
    counts: dict[str, int] = {}
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag in ("path", "use", "image", "clipPath", "text", "polygon", "ellipse", "g"):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def test_a_matplotlib_svg_keeps_every_shape_and_its_style():
    original = _matplotlib_svg()
    cleaned = _svg(original).data
    assert _shapes(cleaned) == _shapes(original)
    root = _parsed(cleaned)
    assert root.get("viewBox") == _parsed(original).get("viewBox")
    assert "stroke-linejoin: round" in cleaned  # matplotlib's own <style> rule is kept
    assert re.search(r'xlink:href="#[^"]+"', cleaned) and re.search(r'clip-path="url\(#', cleaned)
    assert 'xlink:href="data:image/png;base64,' in cleaned  # imshow's embedded raster


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_a_graphviz_svg_keeps_every_shape():
    dot = 'digraph G { a [label="in <&>" URL="javascript:alert(1)"]; a -> b; b [shape=box]; }'
    original = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    cleaned = _svg(original).data
    assert _shapes(cleaned) == _shapes(original)
    assert "javascript:" not in cleaned and "in &lt;&amp;&gt;" in cleaned


def test_image_files_write_sanitised_svg_even_from_a_stored_record():
    guide = reads(guide_text(("code", "show()")), Path("g.py"), "en")
    stored = Output("image", "", "image/svg+xml", HOSTILE_SVG)  # as a record holds it, never cleaned
    files = image_files(Executed(guide, ((stored,),), Record("k", "now", "CPU", {}, 1337, (0.1,))))
    (body,) = files.values()
    assert b"alert(" not in body and b"evil.example" not in body
    _parsed(body.decode())


def test_html_outputs_lose_remote_images():
    html = (
        '<table><tr><td><img src="https://tracker.example/pixel.gif">'
        '<img src="//tracker.example/p.gif"><img src="http://tracker.example/p.gif">'
        '<img src="pixel.gif"><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">'
        '<a href="https://example.org/doc">doc</a></td></tr></table>'
    )
    data = {"text/html": html, "text/plain": "<table>"}
    raw = [{"output_type": "display_data", "data": data, "metadata": {}}]
    (output,) = from_notebook(raw)
    assert "tracker.example" not in output.data and "pixel.gif" not in output.data
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in output.data
    assert 'href="https://example.org/doc"' in output.data  # a link is a reader's choice, not a request
