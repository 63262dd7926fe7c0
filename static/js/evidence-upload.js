// Drag-and-drop for the evidence upload form: dropped files go into the form's file input, the
// list shows each file with its size, and files the server would refuse (too large, wrong type)
// are flagged before anything is sent. The server checks again; this only saves a wasted upload.
(function () {
  "use strict";
  var form = document.getElementById("evidence-upload");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("file-list");
  var submit = document.getElementById("upload-submit");
  var maxBytes = parseInt(form.dataset.maxBytes, 10) * 1024 * 1024;
  var extensions = form.dataset.extensions.split(",");
  var texts = {};
  var template = document.getElementById("evidence-messages");
  template.content.querySelectorAll("[data-key]").forEach(function (node) {
    texts[node.dataset.key] = node.textContent;
  });

  function problemOf(file) {
    var dot = file.name.lastIndexOf(".");
    var extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
    if (extensions.indexOf(extension) === -1) return texts["bad-type"];
    if (file.size > maxBytes) return texts["too-large"];
    if (file.size === 0) return texts.empty;
    return "";
  }

  function humanSize(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function showFiles() {
    list.textContent = "";
    var refused = 0;
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      var problem = problemOf(file);
      item.textContent = file.name + " (" + humanSize(file.size) + ")" + (problem ? " — " + problem : "");
      if (problem) {
        item.className = "text-danger";
        refused += 1;
      }
      list.appendChild(item);
    });
    submit.disabled = refused > 0;
  }

  function addFiles(files) {
    // A file input's list cannot be edited directly; DataTransfer builds a new one.
    var transfer = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (file) { transfer.items.add(file); });
    Array.prototype.forEach.call(files, function (file) { transfer.items.add(file); });
    input.files = transfer.files;
    showFiles();
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dropzone-active");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("dropzone-active");
    });
  });
  zone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });
  input.addEventListener("change", showFiles);
  form.addEventListener("submit", function () {
    submit.disabled = true;  // one click, one record
  });
})();
