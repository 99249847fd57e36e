// Upload with progress: send the files to /api/ingest, then poll /api/jobs/{id} until the job is done.
// Only textContent is ever set from server data (never innerHTML).
(function () {
  "use strict";
  var STAGES = {queued: "في الانتظار", reading: "قراءة الملفات", analysing: "التحليل", corpus: "بناء القصص",
                done: "اكتمل", error: "فشل"};
  var form = document.getElementById("upload-form");
  var box = document.getElementById("job");
  if (!form || !box) return;
  var stage = document.getElementById("job-stage"), bar = document.getElementById("job-progress"),
      count = document.getElementById("job-count"), result = document.getElementById("job-result"),
      msgs = document.getElementById("job-messages"), docs = document.getElementById("job-docs");

  function list(ul, items, titles) {
    ul.textContent = "";
    items.forEach(function (t) {
      var li = document.createElement("li");
      if (titles) { var a = document.createElement("a"); a.href = "/documents/" + encodeURIComponent(t); a.textContent = titles[t] || t; li.appendChild(a); }
      else li.textContent = t;
      ul.appendChild(li);
    });
  }
  function show(job) {
    box.hidden = false;
    stage.textContent = STAGES[job.stage] || job.stage;
    bar.max = Math.max(job.total, 1); bar.value = job.done;
    count.textContent = job.done + "/" + job.total;
    list(msgs, job.messages || [], null);
    list(docs, job.documents || [], job.titles || {});
    result.textContent = "";
    if (job.state === "done") {
      // «label: number» needs no agreement of a counted noun (the page itself writes «5 مقالات جديدة»)
      result.textContent = "تمّ. مقالات جديدة: " + job.new + "، مكررة: " + job.duplicates + ". ";
      var a = document.createElement("a"); a.href = "/"; a.textContent = "عرض القصص"; result.appendChild(a);
    } else if (job.state === "error") {
      result.textContent = "فشلت المهمة.";
    }
  }
  function poll(id) {
    fetch("/api/jobs/" + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (job) {
      show(job);
      if (job.state === "queued" || job.state === "running") setTimeout(function () { poll(id); }, 500);
    }).catch(function () { setTimeout(function () { poll(id); }, 1500); });
  }
  var picker = document.getElementById("files"), names = document.getElementById("file-names");
  if (picker && names) picker.addEventListener("change", function () {
    var n = picker.files.length;
    names.textContent = n ? Array.prototype.map.call(picker.files, function (f) { return f.name; }).join("، ")
                          : "لم تُختر ملفات بعد";
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    box.hidden = false; stage.textContent = "إرسال الملفات"; result.textContent = "";
    fetch("/api/ingest", {method: "POST", body: new FormData(form)}).then(function (r) {
      return r.json().then(function (body) { return {ok: r.ok, body: body}; });
    }).then(function (res) {
      if (!res.ok) { stage.textContent = STAGES.error; result.textContent = res.body.error || "خطأ"; return; }
      poll(res.body.id);
    }).catch(function (e) { stage.textContent = STAGES.error; result.textContent = String(e); });
  });
  if (box.dataset.job) poll(box.dataset.job);
})();
