// Page behaviour that would otherwise be inline (the Content Security Policy forbids inline
// scripts and style="" attributes; setting a style through the DOM is allowed).
(function () {
  "use strict";

  // <div data-width-percent="40"> gets width: 40% (progress bars), also in content htmx swaps in.
  function applyWidths(root) {
    var elements = Array.prototype.slice.call(root.querySelectorAll("[data-width-percent]"));
    if (root.matches && root.matches("[data-width-percent]")) {
      elements.push(root);
    }
    elements.forEach(function (element) {
      var percent = Math.max(0, Math.min(100, Number(element.dataset.widthPercent) || 0));
      element.style.width = percent + "%";
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(applyWidths);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      applyWidths(document.body);
    });
  }
})();
