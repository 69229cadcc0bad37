// jixiao serve: the page's script. Every word it shows comes from the
// message catalogue, handed over by the server in #messages. Every action is
// one call of the HTTP API the page documents in the README; nothing is
// stored on the server, so the chosen files are sent again with each call.
"use strict";

(function () {
  const M = JSON.parse(document.getElementById("messages").textContent);

  // t fills {1}, {2} … of a catalogue text with the given values.
  function t(code, ...args) {
    const s = M[code] || code;
    return s.replace(/\{(\d+)\}/g, (m, i) => (args[i - 1] === undefined ? m : String(args[i - 1])));
  }

  // count is a number of things as the catalogue's Count writes it in Go:
  // "1 form", "18 forms", "18 张表" (a unit's English text is "one|many").
  function count(n, unit) {
    const [one, many] = (t(unit) + "|").split("|");
    return n + " " + (n === 1 || !many ? one : many);
  }

  // list joins items as the catalogue's List does in Go: 、 or ", ", and
  // ；or "; " when an item holds a comma of its own.
  function joinList(items) {
    const long = items.some((s) => /[,，、;；]/.test(String(s)));
    return items.join(t(long ? "ui-list-sep-long" : "ui-list-sep"));
  }

  const $ = (id) => document.getElementById(id);
  // refused: the last check was refused as a whole (its message tells why).
  const state = { files: [], forms: [], fileProblems: [], refused: false, selected: -1, viewerPage: 0, checks: 0, picked: new Set() };

  // blocked reports whether a file that cannot be read, or has errors of
  // its own, stops every print (the server refuses them all, as the
  // command does): an error among the files' problems of the last check.
  function blocked() {
    return hasErrors(state.fileProblems);
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function showMessage(text) {
    const m = $("message");
    m.textContent = text;
    m.hidden = !text;
  }

  function formData() {
    const fd = new FormData();
    for (const f of state.files) fd.append("file", f, f.name);
    return fd;
  }

  // call posts the chosen files to an API path. A refusal comes back as JSON
  // problems; those are shown, never a raw status line.
  async function call(path) {
    // Files over the server's limit are not sent at all: the server would
    // refuse them, and a browser cut off while sending says nothing useful.
    const max = Number(document.body.dataset.maxUpload) || 0;
    const total = state.files.reduce((n, f) => n + f.size, 0);
    if (max && total > max) {
      const mb = (n) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
      throw new Error(t("ui-too-large", mb(total), mb(max)));
    }
    let resp;
    try {
      resp = await fetch(path, { method: "POST", body: formData() });
    } catch (e) {
      throw new Error(t("ui-err-network"));
    }
    if (resp.ok) return resp;
    let problems = [];
    let body = null;
    try {
      body = await resp.json();
      problems = body.problems || [];
    } catch (e) {
      /* not JSON: fall through to the status text */
    }
    const err = new Error(problems.length ? problems.map(problemText).join("\n") : t("ui-err-status", resp.status));
    err.problems = problems;
    err.body = body;
    err.status = resp.status;
    throw err;
  }

  // problemText is a problem as the command line writes it: its place and
  // its message, joined as the language joins them (problem-at).
  function problemText(p) {
    return p.location ? t("problem-at", p.location, p.message) : p.message;
  }

  // ---- step 1: files ----
  // addFiles adds the files chosen; one of the name of a file already
  // listed replaces it, in its place (the workbook corrected and chosen
  // again), and the page says so.
  function addFiles(list) {
    const replaced = [];
    for (const f of list) {
      const i = state.files.findIndex((g) => g.name === f.name);
      if (i < 0) {
        state.files.push(f);
      } else if (!(state.files[i].size === f.size && state.files[i].lastModified === f.lastModified)) {
        state.files[i] = f;
        replaced.push(f.name);
      }
    }
    const note = $("file-note");
    note.replaceChildren(...replaced.map((n) => el("span", {}, t("ui-replaced", n), " ")));
    note.hidden = replaced.length === 0;
    drawFiles();
    check();
  }

  function drawFiles() {
    const ul = $("file-list");
    ul.replaceChildren();
    state.files.forEach((f, i) => {
      ul.append(el("li", {}, f.name, " ",
        el("button", { type: "button", class: "link", title: t("ui-remove-file"), onclick: () => {
          state.files.splice(i, 1);
          $("file-note").hidden = true;
          drawFiles();
          check();
        } }, t("ui-remove"))));
    });
    ul.hidden = state.files.length === 0;
  }

  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    addFiles(e.dataTransfer.files);
  });
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file-input").click(); }
  });
  $("file-input").addEventListener("change", (e) => {
    addFiles(e.target.files);
    e.target.value = "";
  });

  // ---- step 2: check ----
  // check sends the files again after each change; only the answer to the
  // latest call is drawn (an earlier one may arrive after it).
  async function check() {
    const mine = ++state.checks;
    showMessage("");
    $("progress").hidden = true;
    state.forms = [];
    state.fileProblems = [];
    state.refused = false;
    state.selected = -1;
    $("step-preview").hidden = true;
    if (state.files.length === 0) {
      $("step-check").hidden = true;
      $("step-download").hidden = true;
      return;
    }
    $("step-check").hidden = false;
    $("busy-check").hidden = false;
    $("forms").hidden = true;
    $("summary").textContent = "";
    $("file-problems").hidden = true;
    let forms = [], problems = [], message = "";
    try {
      const body = await (await call("api/check")).json();
      forms = body.forms || [];
      problems = body.problems || [];
    } catch (e) {
      if (e.body && Array.isArray(e.body.forms)) {
        // The check's own answer (422: a file cannot be read): the forms
        // of the others, and the files' problems.
        forms = e.body.forms;
        problems = e.problems || [];
      } else {
        // The request refused as a whole (too many forms, busy, too
        // large, too many files, an error inside): nothing about the
        // files, so it is the page's message, not a file's problem.
        message = e.message;
      }
    }
    if (mine !== state.checks) return;
    $("busy-check").hidden = true;
    state.forms = forms;
    state.fileProblems = problems;
    state.refused = message !== "";
    // Every form that can be printed is picked for the binder and the ZIP.
    state.picked = new Set(forms.filter((f) => !hasErrors(f.problems)).map((f) => f.form));
    $("skipped").hidden = true;
    $("preview-title").textContent = t("ui-preview-hint");
    $("thumbs").replaceChildren();
    showMessage(message);
    drawForms();
  }

  // printedAmount is an amount as the form prints it: exactly, with at
  // least two decimals (77.5 → 77.50, 250 → 250.00); a text that is not
  // an amount is shown as it is (its problem says why).
  function printedAmount(a) {
    const m = /^(\d+)(?:\.(\d*))?$/.exec(a || "");
    if (!m) return a || "";
    const frac = (m[2] || "").padEnd(2, "0");
    return m[1].replace(/^0+(?=\d)/, "") + "." + frac;
  }

  function hasErrors(ps) {
    return (ps || []).some((p) => p.severity === "error");
  }

  function problemList(ps) {
    const ul = el("ul", { class: "problems" });
    for (const p of ps) {
      ul.append(el("li", { class: p.severity },
        el("span", { class: "sev" }, p.severity === "error" ? t("ui-error") : t("ui-warning")),
        p.location ? el("span", { class: "loc" }, p.location) : null,
        el("span", { class: "text" }, p.message)));
    }
    return ul;
  }

  function drawForms() {
    // The box of files that cannot be read holds only those: the problems
    // of a file whose forms are listed (a sheet skipped, the book's year)
    // are told apart, below it.
    const read = new Set(state.forms.map((f) => f.file));
    const unread = state.fileProblems.filter((p) => !read.has(p.file));
    const others = state.fileProblems.filter((p) => read.has(p.file));
    const box = $("file-problems");
    box.replaceChildren();
    if (unread.length) {
      box.append(el("p", { class: "box-title" }, t("ui-file-problems")), problemList(unread));
    }
    box.hidden = unread.length === 0;
    const notes = $("book-problems");
    notes.replaceChildren();
    if (others.length) notes.append(problemList(others));
    notes.hidden = others.length === 0;

    const tbody = $("forms").querySelector("tbody");
    tbody.replaceChildren();
    const stop = blocked();
    let bad = 0;
    state.forms.forEach((f, i) => {
      const errs = hasErrors(f.problems);
      if (errs) bad++;
      const status = errs
        ? el("span", { class: "badge error" }, t("ui-status-error"))
        : (f.problems && f.problems.length
          ? el("span", { class: "badge warning" }, t("ui-status-warning"))
          : el("span", { class: "badge ok" }, t("ui-status-ok")));
      // A form's downloads: none for a form with errors; while a file
      // stops every print, shown but disabled, saying why.
      const dl = (format, word) => {
        const b = el("button", { type: "button", class: "link", onclick: () => downloadForm(i, format) }, t(word));
        if (stop) {
          b.disabled = true;
          b.title = t("ui-blocked-files");
        }
        return b;
      };
      const actions = el("td", { class: "actions" },
        el("button", { type: "button", class: "link", onclick: () => selectForm(i) }, t("ui-preview")),
        " ",
        errs ? null : dl("pdf", "ui-download-pdf"),
        errs ? null : " ",
        errs ? null : dl("ofd", "ui-download-ofd"));
      const pick = el("input", { type: "checkbox", class: "pick", title: t("ui-pick-form"), "aria-label": t("ui-pick-form"),
        onchange: (e) => {
          if (e.target.checked) state.picked.add(i + 1); else state.picked.delete(i + 1);
          drawPicked();
        } });
      pick.checked = !errs && !stop && state.picked.has(i + 1);
      pick.disabled = errs || stop;
      const tr = el("tr", { class: errs ? "has-error" : "", "data-form": String(i + 1) },
        el("td", { class: "num" }, el("label", { class: "pick-label" }, pick, " ", String(i + 1))),
        el("td", {}, f.unit || ""),
        el("td", {}, f.project || "", f.sheet ? el("div", { class: "src" }, f.file + " · " + f.sheet) : el("div", { class: "src" }, f.file || "")),
        el("td", { class: "amount" }, printedAmount(f.year_amount)),
        el("td", { class: "num" }, f.pages || ""),
        el("td", {}, status),
        actions);
      tbody.append(tr);
      if (f.problems && f.problems.length) {
        tbody.append(el("tr", { class: "problem-row" }, el("td", {}), el("td", { colspan: "6" }, problemList(f.problems))));
      }
    });
    $("forms").hidden = state.forms.length === 0;
    $("summary").textContent = summary(bad);
    // Steps 3 and 4 stand as soon as there are forms: the steps read 1-2-3-4.
    $("step-preview").hidden = state.forms.length === 0;
    $("step-download").hidden = state.forms.length === 0;
    drawPicked();
  }

  // summary is the line under the files' problems: how many forms, and
  // what can be printed of them, as the server will print it.
  function summary(bad) {
    const n = state.forms.length;
    if (!n) return state.fileProblems.length || state.refused ? "" : t("ui-no-forms");
    const forms = count(n, "unit-form");
    if (blocked()) return t("ui-summary-files-blocked", forms);
    if (bad === n) return t("ui-summary-all-errors", forms);
    if (bad) return t("ui-summary-errors", forms, count(bad, "unit-form"));
    return t("ui-summary-ok", forms);
  }

  // ready is the forms picked that can be printed, by number: none while
  // a file stops every print.
  function ready() {
    if (blocked()) return [];
    return state.forms.filter((f, i) => state.picked.has(i + 1) && !hasErrors(f.problems)).map((f, k) => f.form || k + 1);
  }

  // drawPicked says how many forms the binder and the ZIP hold, and when
  // none, why: a file stops every print, no form is ticked, or every form
  // has errors.
  function drawPicked() {
    const n = ready().length;
    $("picked").textContent = state.forms.length ? t("ui-picked", n, state.forms.length) : "";
    let why = "";
    if (n === 0 && state.forms.length) {
      if (blocked()) why = t("ui-blocked-files");
      else if (state.forms.some((f) => !hasErrors(f.problems))) why = t("ui-none-picked");
      else why = t("ui-blocked");
    }
    $("blocked").textContent = why;
    $("blocked").hidden = !why;
    for (const id of ["btn-binder", "btn-zip", "btn-binder-ofd", "btn-zip-ofd"]) $(id).disabled = n === 0;
  }

  // skippedNote names the forms a binder or ZIP left out for their errors:
  // those the server names, and those that could not be picked.
  function skippedNote(resp) {
    const list = new Set((resp.headers.get("X-Jixiao-Skipped") || "").split(",").filter((s) => s).map(Number));
    state.forms.forEach((f, i) => { if (hasErrors(f.problems)) list.add(i + 1); });
    const names = [...list].sort((a, b) => a - b).map((n) => {
      const f = state.forms[Number(n) - 1];
      return n + (f && f.project ? " " + f.project : "");
    });
    $("skipped").textContent = names.length ? t("ui-skipped", joinList(names)) : "";
    $("skipped").hidden = names.length === 0;
  }

  // printQuery is the options that apply to every download.
  function printQuery() {
    const q = new URLSearchParams();
    if ($("opt-signature").checked) q.set("signature", "1");
    q.set("paper", $("opt-paper").value);
    return q;
  }

  // ---- step 3: previews ----
  function previewURL(form, page, dpi) {
    return "api/preview?form=" + form + "&page=" + page + "&dpi=" + dpi;
  }

  async function pagePNG(form, page, dpi) {
    const resp = await call(previewURL(form, page, dpi));
    return URL.createObjectURL(await resp.blob());
  }

  async function selectForm(i) {
    state.selected = i;
    const f = state.forms[i];
    $("step-preview").hidden = false;
    $("preview-title").textContent = t("ui-preview-of", i + 1, f.project || "");
    const thumbs = $("thumbs");
    for (const img of thumbs.querySelectorAll("img")) {
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
    }
    thumbs.replaceChildren();
    const pages = f.pages || 1;
    for (let p = 1; p <= pages; p++) {
      const img = el("img", { alt: t("ui-page-n", p), class: "thumb loading" });
      const fig = el("figure", { tabindex: "0", onclick: () => openViewer(p),
        onkeydown: (e) => { if (e.key === "Enter") openViewer(p); } }, img, el("figcaption", {}, t("ui-page-n", p)));
      thumbs.append(fig);
    }
    $("step-preview").scrollIntoView({ behavior: "smooth", block: "start" });
    // One page at a time: the server bounds concurrent work anyway.
    const figs = thumbs.querySelectorAll("img");
    for (let p = 1; p <= pages; p++) {
      if (state.selected !== i) return;
      try {
        figs[p - 1].src = await pagePNG(i + 1, p, 40);
        figs[p - 1].classList.remove("loading");
      } catch (e) {
        figs[p - 1].replaceWith(el("div", { class: "thumb-error" }, e.message));
      }
    }
  }

  async function openViewer(page) {
    const f = state.forms[state.selected];
    state.viewerPage = page;
    $("viewer-title").textContent = t("ui-viewer-title", f.project || "", page, f.pages || 1);
    $("viewer-prev").disabled = page <= 1;
    $("viewer-next").disabled = page >= (f.pages || 1);
    const img = $("viewer-img");
    img.alt = t("ui-page-n", page);
    if (!$("viewer").open) $("viewer").showModal();
    try {
      const url = await pagePNG(state.selected + 1, page, 110);
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
      img.src = url;
    } catch (e) {
      $("viewer").close();
      showMessage(e.message);
    }
  }
  $("viewer-prev").addEventListener("click", () => openViewer(state.viewerPage - 1));
  $("viewer-next").addEventListener("click", () => openViewer(state.viewerPage + 1));

  // ---- step 4: downloads ----
  function save(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  function fileName(resp, fallback) {
    const cd = resp.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    return m ? decodeURIComponent(m[1]) : fallback;
  }

  // download runs one API call with a progress line: elapsed seconds while
  // the server works, then the share of bytes received.
  async function download(path, fallbackName, busyText) {
    showMessage("");
    const bar = $("progress-bar");
    const text = $("progress-text");
    $("progress").hidden = false;
    bar.removeAttribute("value");
    const start = Date.now();
    const tick = setInterval(() => {
      text.textContent = t("ui-progress-working", busyText, Math.round((Date.now() - start) / 1000));
    }, 500);
    text.textContent = t("ui-progress-working", busyText, 0);
    for (const id of ["btn-binder", "btn-zip", "btn-binder-ofd", "btn-zip-ofd"]) $(id).disabled = true;
    try {
      const resp = await call(path);
      clearInterval(tick);
      const total = Number(resp.headers.get("Content-Length")) || 0;
      const reader = resp.body.getReader();
      const chunks = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        got += value.length;
        if (total) {
          bar.max = total;
          bar.value = got;
          text.textContent = t("ui-progress-receiving", Math.round((100 * got) / total));
        }
      }
      save(new Blob(chunks, { type: resp.headers.get("Content-Type") || "" }), fileName(resp, fallbackName));
      if (path.startsWith("api/binder") || path.startsWith("api/zip")) skippedNote(resp);
      text.textContent = t("ui-progress-done");
    } catch (e) {
      showMessage(e.message);
      $("progress").hidden = true;
    } finally {
      clearInterval(tick);
      drawForms();
    }
  }

  // archival sets the chosen PDF/A level on q, for a PDF: 3b carries the
  // forms' data.
  function archival(q, format) {
    const level = $("opt-pdfa").value;
    if (format !== "pdf" || !level) return q;
    if (level === "3b") q.set("attach_data", "1");
    else q.set("pdfa", level);
    return q;
  }

  // Each download in either format: PDF, or OFD (GB/T 33190) with
  // format=ofd; a form's, the ZIP and the binder with the options that
  // apply to them (the options box says which).
  function downloadForm(i, format) {
    const q = archival(printQuery(), format);
    q.set("form", String(i + 1));
    if (format === "ofd") q.set("format", "ofd");
    download("api/render?" + q.toString(), (state.forms[i].project || "form") + "." + format, t("ui-busy-form"));
  }

  function downloadZip(format) {
    const q = archival(printQuery(), format);
    const list = ready();
    q.set("forms", list.join(","));
    if (format === "ofd") q.set("format", "ofd");
    download("api/zip?" + q.toString(), format === "ofd" ? "forms-ofd.zip" : "forms.zip", t("ui-busy-zip", count(list.length, "unit-form")));
  }

  function downloadBinder(format) {
    const q = archival(printQuery(), format);
    if ($("opt-duplex").checked) q.set("duplex", "1");
    if ($("opt-group").checked) q.set("group_by", "unit");
    const list = ready();
    q.set("forms", list.join(","));
    if (format === "ofd") q.set("format", "ofd");
    download("api/binder?" + q.toString(), "binder." + format, t("ui-busy-binder", count(list.length, "unit-form")));
  }

  $("btn-zip").addEventListener("click", () => downloadZip("pdf"));
  $("btn-zip-ofd").addEventListener("click", () => downloadZip("ofd"));
  $("btn-binder").addEventListener("click", () => downloadBinder("pdf"));
  $("btn-binder-ofd").addEventListener("click", () => downloadBinder("ofd"));
})();
