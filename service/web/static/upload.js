// Upload page: each file is sent on its own XHR so it gets its own progress bar and its
// own error; a failed file never stops the others.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var input = document.getElementById("file-input");
  var queue = document.getElementById("queue");
  var empty = document.getElementById("queue-empty");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function errorText(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (typeof body.detail === "string") return body.detail;
      if (Array.isArray(body.detail) && body.detail.length) return body.detail[0].msg || "Dữ liệu không hợp lệ.";
    } catch (e) { /* not JSON */ }
    if (xhr.status === 0) return "Không kết nối được tới máy chủ.";
    return "Lỗi máy chủ (mã " + xhr.status + ").";
  }

  function send(file) {
    empty.hidden = true;
    var item = el("li");
    var name = el("span", "name", file.name);
    var status = el("span", "status", "Đang tải lên…");
    var bar = el("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Tiến độ tải lên " + file.name);
    item.append(name, status, bar);
    queue.appendChild(item);

    var data = new FormData();
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.value = Math.round(e.loaded / e.total * 90);
    };
    xhr.upload.onload = function () { status.textContent = "Đang trích xuất và kiểm tra…"; };
    xhr.onload = function () {
      bar.value = 100;
      if (xhr.status === 200 || xhr.status === 201) {
        var doc = JSON.parse(xhr.responseText).documents[0];
        status.textContent = "";
        status.className = "status ok";
        status.append(doc.duplicate ? "Đã có trong kho — " : "Xong — ");
        var link = el("a", null, "xem văn bản");
        link.href = "/van-ban/" + doc.id;
        status.appendChild(link);
      } else {
        status.className = "status err";
        status.textContent = "Lỗi: " + errorText(xhr);
        bar.hidden = true;
      }
    };
    xhr.onerror = function () {
      status.className = "status err";
      status.textContent = "Lỗi: " + errorText(xhr);
    };
    xhr.send(data);
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (input.files.length) { sendAll(input.files); input.value = ""; }
  });
  input.addEventListener("change", function () {
    if (input.files.length) { sendAll(input.files); input.value = ""; }
  });
  ["dragenter", "dragover"].forEach(function (t) {
    form.addEventListener(t, function (e) { e.preventDefault(); form.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    form.addEventListener(t, function (e) { e.preventDefault(); form.classList.remove("over"); });
  });
  form.addEventListener("drop", function (e) { sendAll(e.dataTransfer.files); });
})();
