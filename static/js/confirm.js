// Forms that undo something ask first: <form data-confirm="Remove this member?">.
// A static file rather than an inline handler, so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
