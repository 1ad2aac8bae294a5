// Keeps the reader's section when switching language.
//
// The language selector already links to the same page in the other language (mkdocs-static-i18n),
// but heading ids are made from the heading text, so they differ per language. The guides are
// aligned cell for cell, so the n-th section heading of a page is the same section in both
// languages: remember its position on click, and scroll to it when the other page opens.
// Nothing like this exists in Material or the i18n plugin, hence this small script.
(function () {
  "use strict";
  var KEY = "guidesite:language-switch";

  function headings() {
    return Array.prototype.slice.call(document.querySelectorAll(".md-content article :is(h2, h3)[id]"));
  }

  // The section the reader is in: the one named in the address, else the last heading
  // that has scrolled up to the header.
  function currentIndex(list) {
    var id = decodeURIComponent(location.hash.slice(1));
    var named = list.findIndex(function (heading) { return heading.id === id; });
    if (named >= 0) return named;
    var header = document.querySelector(".md-header");
    var top = (header ? header.offsetHeight : 0) + 8;
    var index = -1;
    list.forEach(function (heading, i) {
      if (heading.getBoundingClientRect().top <= top) index = i;
    });
    return index;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    var list = headings();
    var index = currentIndex(list);
    if (index < 0) {
      sessionStorage.removeItem(KEY);
      return;
    }
    sessionStorage.setItem(KEY, JSON.stringify({
      path: new URL(link.href, location.href).pathname, index: index, count: list.length,
    }));
  }, true);

  function restore() {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (!saved || saved.path !== location.pathname || location.hash) return;
    var list = headings();
    // Pages whose headings do not line up (a translation in progress) open at the top.
    if (list.length !== saved.count || !list[saved.index]) return;
    location.replace("#" + encodeURIComponent(list[saved.index].id));
  }

  restore();
})();
