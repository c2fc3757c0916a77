// handbill serve: saves each field a moment after typing stops, then refreshes the previews and problems
// of the language concerned. Saves go one at a time with the version tag of their file; a stale save
// (the file changed in another tab or editor) shows the newer text and keeps the unsaved text beside it.
"use strict";

const token = document.querySelector('meta[name="handbill-token"]').content;
const body = document.body;
const base = body.dataset.base || "/";
const tags = body.dataset.tags ? JSON.parse(body.dataset.tags) : {};
const pending = new Map();  // field id -> element, in the order edited
let timer = null;
let saving = false;
const PAUSE_MS = 350;

function post(path, data, headers = {}) {
  const isJson = !(data instanceof Blob);
  return fetch(path, {
    method: "POST", credentials: "same-origin", body: isJson ? JSON.stringify(data) : data,
    headers: Object.assign({"X-Handbill-Token": token}, isJson ? {"Content-Type": "application/json"} : {}, headers),
  });
}

function status(text, bad = false) {
  const element = document.getElementById("status");
  if (element) { element.textContent = text; element.classList.toggle("bad", bad); }
}

function fileOf(field) {
  return field.startsWith("statement:") ? `statement.${field.slice(10)}.md` : "leaflet.toml";
}

function langOf(element) {
  // the pane's key (the code of its versions: fa-AF for a field saved as statement.prs.md), or null for a
  // field every version shares (the main language's lines are the top-level keys of leaflet.toml)
  const pane = element.closest(".pane");
  const kind = element.dataset.field.split(":")[0];
  if (!pane || (pane.dataset.main === "yes" && kind !== "statement" && kind !== "slogan")) return null;
  return pane.dataset.lang;
}

function valueOf(element) {
  const field = element.dataset.field;
  if (field === "layouts") {
    return [...element.querySelectorAll("input[type=checkbox]:checked")].map(box => box.value);
  }
  if (field === "signatories") {
    return [...element.querySelectorAll("tbody tr")].map(row =>
      [row.querySelector(".sig-name").value, row.querySelector(".sig-country").value]);
  }
  return element.value;
}

function setValue(element, value) {
  const field = element.dataset.field;
  if (field === "layouts") {
    element.querySelectorAll("input[type=checkbox]").forEach(box => { box.checked = value.includes(box.value); });
  } else if (field === "signatories") {
    const rows = element.querySelector("tbody");
    rows.replaceChildren();
    value.forEach(([name, country]) => addSignatory(name, country));
  } else {
    element.value = value == null ? "" : value;
  }
}

function addSignatory(name = "", country = "") {
  const row = document.createElement("tr");
  for (const [cls, value] of [["sig-name", name], ["sig-country", country]]) {
    const cell = document.createElement("td");
    const input = document.createElement("input");
    input.className = cls; input.value = value; input.dir = "auto";
    cell.append(input); row.append(cell);
  }
  document.querySelector("#f-signatories tbody").append(row);
  return row;
}

function edited(element) {
  edits += 1;
  pending.set(element.dataset.field, element);
  status("Editing…");
  clearTimeout(timer);
  timer = setTimeout(flush, PAUSE_MS);
}

async function flush() {
  if (saving) return;
  saving = true;
  const langs = new Set();
  try {
    while (pending.size) {
      const [field, element] = pending.entries().next().value;
      pending.delete(field);
      if (await save(field, element)) langs.add(langOf(element));
    }
  } finally {
    saving = false;
  }
  if (pending.size) { flush(); return; }
  if (langs.has(null)) refreshAll(); else langs.forEach(lang => refresh(lang));
}

async function save(field, element) {
  const file = fileOf(field);
  const value = valueOf(element);
  status("Saving…");
  let response;
  try {
    response = await post(base + "save", {field, value, tag: tags[file] || "absent"});
  } catch (error) {
    status("Not saved: the handbill server does not answer (is it still running?)", true);
    return false;
  }
  const data = await response.json();
  clearNotice(field);
  if (response.ok) {
    tags[data.file] = data.tag;
    status("Saved in " + data.file);
    const lang = langOf(element);
    if (lang) refreshShown(lang, data.state);  // the pages already shown first, then the full refresh
    return true;
  }
  if (response.status === 409 && data.tag) {
    tags[data.file] = data.tag;
    setValue(element, data.current);
    showNotice(field, data.error, typeof value === "string" ? value : JSON.stringify(value));
    status(data.error, true);
    return true;  // the newer text is on disk: show its preview
  }
  showNotice(field, data.error || `not saved (${response.status})`);
  status(data.error || "Not saved", true);
  return false;
}

function noticeBox(field) {
  const list = document.querySelector(`.problems[data-for="${CSS.escape(field)}"]`);
  return list ? list.parentElement : document.querySelector(".shared");
}

function showNotice(field, message, unsaved) {
  const box = document.createElement("div");
  box.className = "notice";
  box.dataset.notice = field;
  const text = document.createElement("p");
  text.textContent = message;
  box.append(text);
  if (unsaved !== undefined) {
    const copy = document.createElement("textarea");
    copy.readOnly = true; copy.className = "unsaved"; copy.value = unsaved; copy.rows = 4;
    const element = document.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (element && element.lang) { copy.lang = element.lang; copy.dir = element.dir; }
    box.append(copy);
  }
  noticeBox(field).append(box);
}

function clearNotice(field) {
  document.querySelectorAll(`.notice[data-notice="${CSS.escape(field)}"]`).forEach(box => box.remove());
}

// -- previews and problems ----------------------------------------------------------------------------

const refreshing = new Map();  // lang -> promise, so that one language refreshes once at a time

let edits = 0;  // counts edits, so that a check waits for a longer pause than a preview
const CHECK_PAUSE_MS = 1200;

function problemsAfterPause(lang) {
  // check renders every version of the language: run it once typing has paused a while, so that it
  // does not hold up the preview of the next edit
  const seen = edits;
  return new Promise(resolve => setTimeout(resolve, CHECK_PAUSE_MS))
    .then(() => (edits === seen ? refreshProblems(lang) : undefined));
}

function refresh(lang, afterEdit = true) {
  const previous = refreshing.get(lang) || Promise.resolve();
  const next = previous.then(() => refreshPreviews(lang))
    .then(() => (afterEdit ? problemsAfterPause(lang) : refreshProblems(lang))).catch(() => {});
  refreshing.set(lang, next);
  return next;
}

async function refreshAll(afterEdit = true) {
  const langs = [...document.querySelectorAll(".pane")].map(pane => pane.dataset.lang);
  if (afterEdit) {
    for (const lang of langs) await refresh(lang);
    return;
  }
  // opening the page: every preview first, then the problems
  for (const lang of langs) await refreshPreviews(lang).catch(() => {});
  for (const lang of langs) await refreshProblems(lang).catch(() => {});
  body.dataset.ready = "yes";
}

function previewSource(label, page, state) {
  return `${base}preview/${label}/${page}?s=${encodeURIComponent(state)}`;
}

function refreshShown(lang, state) {
  // Ask at once for the new state of the pages shown: the server renders them first, before the
  // listing of versions (which renders every version of the language) reconciles what is shown.
  const holder = document.querySelector(`.previews[data-lang="${CSS.escape(lang)}"]`);
  if (!holder || !state) return;
  holder.querySelectorAll("figure").forEach(figure => {
    [...figure.querySelectorAll(".pages img")].forEach((image, index) => {
      image.src = previewSource(figure.dataset.version, index + 1, state);
      image.dataset.state = state;
    });
  });
}

async function refreshPreviews(lang, quick = true) {
  // quick: the server answers at once, with no page count for a version it has not rendered yet; the
  // first page of each is asked for (which renders it), then the counts, to add any further pages
  const holder = document.querySelector(`.previews[data-lang="${CSS.escape(lang)}"]`);
  if (!holder) return;
  holder.classList.add("busy");
  const response = await fetch(`${base}versions?lang=${encodeURIComponent(lang)}${quick ? "&quick=1" : ""}`,
                               {credentials: "same-origin"});
  const data = await response.json();
  holder.classList.remove("busy");
  holder.classList.toggle("stale", !data.loads);
  if (!data.loads) return;  // keep the last previews; the problem is shown at its field
  const seen = new Set();
  const loads = [];
  const key = data.lang || lang;  // the server's key for the pane's language, as its versions are named
  for (const version of data.versions.filter(v => v.lang === key)) {
    seen.add(version.label);
    let figure = holder.querySelector(`figure[data-version="${CSS.escape(version.label)}"]`);
    if (!figure) {
      figure = document.createElement("figure");
      figure.dataset.version = version.label;
      const caption = document.createElement("figcaption");
      const link = document.createElement("a");
      link.href = `${base}download/${version.label}.pdf`;
      link.setAttribute("download", "");
      link.className = "download";
      link.textContent = `${version.layout} PDF`;
      link.title = `Download ${version.label}.pdf`;
      caption.append(link);
      const pages = document.createElement("div");
      pages.className = "pages";
      const problems = document.createElement("ul");
      problems.className = "problems";
      problems.dataset.for = `version:${version.label}`;
      figure.append(caption, pages, problems);
      holder.append(figure);
    }
    const pages = figure.querySelector(".pages");
    const count = version.pages === null ? Math.max(pages.children.length, 1) : Math.max(version.pages, 1);
    for (let page = 1; page <= count; page++) {
      let image = pages.children[page - 1];
      if (!image) {
        image = document.createElement("img");
        image.alt = `${version.label}, page ${page}`;
        pages.append(image);
      }
      const source = previewSource(version.label, page, data.state);
      if (image.getAttribute("src") !== source) {
        loads.push(new Promise(resolve => { image.onload = image.onerror = resolve; }));
        image.src = source;
        image.dataset.state = data.state;
      }
    }
    while (pages.children.length > count) pages.lastElementChild.remove();
  }
  holder.querySelectorAll("figure").forEach(figure => { if (!seen.has(figure.dataset.version)) figure.remove(); });
  await Promise.all(loads);
  if (quick && data.versions.some(v => v.lang === key && v.pages === null)) return refreshPreviews(lang, false);
  holder.dataset.state = data.state;
}

async function refreshProblems(lang) {
  const response = await fetch(`${base}problems?lang=${encodeURIComponent(lang)}`, {credentials: "same-origin"});
  const data = await response.json();
  const pane = document.querySelector(`.pane[data-lang="${CSS.escape(lang)}"]`);
  const mine = list => (pane && pane.contains(list)) || !list.closest(".pane");
  document.querySelectorAll(".problems[data-for]").forEach(list => { if (mine(list)) list.replaceChildren(); });
  for (const problem of data.problems) {
    let list = document.querySelector(`.problems[data-for="${CSS.escape(problem.field)}"]`);
    if (!list) list = document.querySelector(".problems.general");
    const item = document.createElement("li");
    item.className = problem.severity;
    const line = problem.line ? ` (line ${problem.line})` : "";
    item.textContent = `${problem.severity}${line}: ${problem.message}`;
    if (problem.hint) {
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = ` ${problem.hint}`;
      item.append(hint);
    }
    list.append(item);
  }
  if (pane) pane.dataset.checked = "yes";
}

// -- wiring ---------------------------------------------------------------------------------------------

document.addEventListener("input", event => {
  const element = event.target.closest("[data-field]");
  if (element && event.target.type !== "file") edited(element);
});

document.addEventListener("change", event => {
  const element = event.target.closest("[data-field]");
  if (element && (event.target.type === "checkbox" || event.target.type === "date")) edited(element);
});

const addButton = document.getElementById("add-signatory");
if (addButton) addButton.addEventListener("click", () => addSignatory().querySelector("input").focus());

const logoInput = document.getElementById("f-logo");
if (logoInput) {
  logoInput.addEventListener("change", async () => {
    const file = logoInput.files[0];
    if (!file) return;
    clearNotice("logo");
    status("Uploading the logo…");
    const response = await post(base + "logo", file, {"X-Handbill-Tag": tags["leaflet.toml"],
                                                       "Content-Type": "application/octet-stream"});
    const data = await response.json();
    if (!response.ok) { showNotice("logo", data.error); status(data.error, true); return; }
    tags[data.file] = data.tag;
    const preview = document.getElementById("logo-preview");
    preview.src = `${base}logo?t=${encodeURIComponent(data.tag)}`;
    preview.hidden = false;
    status("Logo saved as " + data.logo);
    refreshAll();
  });
}

const newForm = document.getElementById("new-leaflet");
if (newForm) {
  newForm.addEventListener("submit", async event => {
    event.preventDefault();
    const response = await post("/new", {name: newForm.elements.name.value, lang: newForm.elements.lang.value});
    const data = await response.json();
    if (response.ok) window.location = data.url;
    else document.getElementById("new-problem").textContent = data.error;
  });
}

if (document.querySelector(".panes")) refreshAll(false);

if (body.dataset.unreadable) {
  // a leaflet.toml that does not read: open the editor once a save in a text editor changes the files
  let first = null;
  setInterval(async () => {
    try {
      const data = await (await fetch(`${window.location.pathname}versions`, {credentials: "same-origin"})).json();
      if (first === null) first = data.state;
      else if (data.state !== first) window.location.reload();
    } catch (error) { /* the server is restarting: try again */ }
  }, 2000);
}
