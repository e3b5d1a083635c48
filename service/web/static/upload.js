// Upload page: each file is sent on its own request and becomes its own job on the server;
// the page then follows every unfinished job (GET /api/jobs?ids=…) until it is done or has
// failed. The bar shows the sending (first 30 %) and then the job's own progress.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var input = document.getElementById("file-input");
  var queue = document.getElementById("queue");
  var empty = document.getElementById("queue-empty");
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var followed = {};  // job id -> [{status, bar}] (the same bytes sent twice share a job)
  var timer = null;
  if (!form) return;

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
    } catch (e) { /* not JSON */ }
    if (xhr.status === 0) return "Không kết nối được tới máy chủ.";
    return "Lỗi máy chủ (mã " + xhr.status + ").";
  }

  function fail(row, text) {
    row.status.className = "status err";
    row.status.textContent = "Lỗi: " + text;
    row.bar.hidden = true;
  }

  function show(row, job) {
    if (job.state === "done") {
      row.bar.value = 100;
      row.bar.hidden = true;
      row.status.className = "status ok";
      row.status.textContent = job.duplicate ? "Đã có trong kho" : "Xong";
      if (job.document_id) {
        var link = el("a", null, "xem văn bản");
        link.href = "/van-ban/" + job.document_id;
        row.status.append(" — ", link);
      }
    } else if (job.state === "failed") {
      fail(row, job.error || "không xử lý được tệp.");
    } else {
      row.status.className = "status wait";
      row.status.textContent = job.stage_label + "…";
      row.bar.value = 30 + Math.round(job.progress * 70);
    }
  }

  function update(job) {
    (followed[job.id] || []).forEach(function (row) { show(row, job); });
    if (job.state === "done" || job.state === "failed") delete followed[job.id];
  }

  function poll() {
    var ids = Object.keys(followed);
    timer = null;
    if (!ids.length) return;
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/jobs?" + ids.map(function (i) { return "ids=" + i; }).join("&"));
    xhr.onload = function () {
      if (xhr.status === 200) {
        JSON.parse(xhr.responseText).items.forEach(function (job) {
          update(job);
        });
      }
      schedule();
    };
    xhr.onerror = schedule;
    xhr.send();
  }

  function schedule() {
    if (!timer && Object.keys(followed).length) timer = setTimeout(poll, 700);
  }

  function send(file) {
    empty.hidden = true;
    var item = el("li");
    var row = {status: el("span", "status", "Đang gửi tệp…"), bar: el("progress")};
    row.bar.max = 100; row.bar.value = 0;
    row.bar.setAttribute("aria-label", "Tiến độ xử lý " + file.name);
    item.append(el("span", "name", file.name), row.status, row.bar);
    queue.appendChild(item);

    var data = new FormData();
    data.append("files", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    if (csrfMeta) xhr.setRequestHeader("X-CSRF-Token", csrfMeta.content);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) row.bar.value = Math.round(e.loaded / e.total * 30);
    };
    xhr.onload = function () {
      if (xhr.status !== 202) { fail(row, errorText(xhr)); return; }
      var job = JSON.parse(xhr.responseText).jobs[0];
      item.setAttribute("data-job", job.id);
      followed[job.id] = (followed[job.id] || []).concat([row]);
      update(job);
      schedule();
    };
    xhr.onerror = function () { fail(row, errorText(xhr)); };
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
