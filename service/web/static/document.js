// Document page: a jump (table row, finding, outline) scrolls to the place in the text,
// moves focus there for keyboard users, and flashes it so the eye finds it.
(function () {
  "use strict";
  function flash(target) {
    target.classList.add("flash");
    setTimeout(function () { target.classList.remove("flash"); }, 1600);
  }
  // Select `length` characters of text that follow a zero-width anchor (a finding's place).
  function selectAfter(anchor, length) {
    var root = document.getElementById("doc-text");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var node, started = false, left = length;
    while ((node = walker.nextNode())) {
      if (!started) {
        if (!(anchor.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        range.setStart(node, 0);
        started = true;
      }
      if (node.length >= left) { range.setEnd(node, left); break; }
      left -= node.length;
      range.setEnd(node, node.length);
    }
    if (!started) return;
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    if (target.tagName === "MARK") {
      target.focus({ preventScroll: true });
      flash(target);
    } else if (link.dataset.end) {
      selectAfter(target, Number(link.dataset.end) - Number(link.dataset.start));
    }
    history.replaceState(null, "", link.getAttribute("href"));
  });
  // The delete button asks first.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  // Opened at a quoted span (`?doan=START-END#doan`, from a recipient's history): select it.
  var quoted = document.querySelector("#quote a.jump");
  if (quoted && location.hash === "#doan") quoted.click();
})();
