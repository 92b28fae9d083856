// The browser interface: upload, list and view through the HTTP API with the typed key.
(function () {
  "use strict";
  const keyInput = document.getElementById("api-key");
  keyInput.value = localStorage.getItem("hecha-key") || "";
  // the page's data is loaded again with a key typed or pasted (a moment after the last
  // keystroke), so a first visit needs no reload
  const reloads = [];
  let typing = null;
  const keyChanged = () => {
    clearTimeout(typing);
    const key = keyInput.value.trim();
    if (key === (localStorage.getItem("hecha-key") || "")) return;
    localStorage.setItem("hecha-key", key);
    reloads.forEach((reload) => reload());
    document.dispatchEvent(new CustomEvent("hecha:key"));  // for the page's other scripts
  };
  keyInput.addEventListener("change", keyChanged);
  keyInput.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(keyChanged, 400); });
  const status = document.getElementById("status");
  const headers = () => ({ Authorization: "Bearer " + keyInput.value.trim() });
  const say = (text) => { if (status) status.textContent = text; };
  const failed = (body) => (body && body.error ? body.error.message_zh + " / " + body.error.message_en : "");

  async function api(path) {
    const response = await fetch(path, { headers: headers() });
    if (!response.ok) throw new Error(failed(await response.json().catch(() => null)) || response.status);
    return response;
  }

  // --- upload -------------------------------------------------------------------------
  const form = document.getElementById("upload");
  if (form) {
    const file = document.getElementById("file");
    const drop = document.getElementById("drop");
    const profile = document.getElementById("profile");
    const yaml = document.getElementById("profile-yaml");
    const progress = document.getElementById("progress");
    let chosen = null;
    const choose = (f) => { chosen = f; document.getElementById("file-name").textContent = f ? f.name : ""; };
    file.addEventListener("change", () => choose(file.files[0] || null));
    drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault(); drop.classList.remove("over"); choose(ev.dataTransfer.files[0] || null);
    });
    profile.addEventListener("change", () => { yaml.hidden = profile.value !== "custom"; });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!chosen) { say("请先选择文件 / choose a file first"); return; }
      localStorage.setItem("hecha-key", keyInput.value.trim());
      const body = new FormData();
      body.append("file", chosen, chosen.name);
      const rules = profile.value === "strict"
        ? "sum.narrative: {report_rounding: true}\nsum.table: {report_rounding: true}"
        : profile.value === "custom" ? yaml.value : "";
      if (rules) body.append("rules", rules);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/v1/documents");
      xhr.setRequestHeader("Authorization", headers().Authorization);
      progress.hidden = false;
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = (100 * e.loaded) / e.total; };
      xhr.onload = () => {
        const answer = JSON.parse(xhr.responseText || "{}");
        if (xhr.status >= 400) { say(failed(answer) || String(xhr.status)); return; }
        say("核查中 / checking…");
        waitFor(answer.document.id);
      };
      xhr.send(body);
    });
  }

  async function waitFor(id) {
    for (;;) {
      const doc = await (await api("/v1/documents/" + id)).json();
      if (doc.status === "done" || doc.status === "failed") { location.href = "/ui/documents/" + id; return; }
      say("核查中 / checking… (" + doc.status + ")");
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  // --- list -------------------------------------------------------------------------------
  const table = document.getElementById("documents");
  if (table) {
    // filters (status, has findings of a severity) and a search by name, all answered by
    // the API (GET /v1/documents?status=&severity=&name=), so they cover every page
    const filters = document.getElementById("list-filters");
    let asked = 0;
    const loadList = () => {
      const query = new URLSearchParams({ limit: "100" });
      new FormData(filters).forEach((value, name) => { if (String(value).trim()) query.set(name, String(value).trim()); });
      const mine = ++asked;
      api("/v1/documents?" + query).then((r) => r.json()).then((page) => {
        if (mine !== asked) return;  // an answer to an earlier filter
        const rows = page.data.map((d) => {
          const tr = document.createElement("tr");
          const link = document.createElement("a");
          link.href = "/ui/documents/" + d.id; link.textContent = d.name;
          const cells = [link, d.status, d.year ?? "", d.unit ?? "", d.findings.error, d.findings.warning, d.findings.info];
          cells.forEach((c) => { const td = document.createElement("td"); td.append(c); tr.append(td); });
          return tr;
        });
        table.querySelector("tbody").replaceChildren(...rows);
        say(page.count + " 个文档 / documents");
      }).catch((e) => { if (mine === asked) say(String(e.message)); });
    };
    let searching = null;
    filters.addEventListener("change", loadList);
    filters.addEventListener("input", (ev) => {
      if (ev.target.type !== "search") return;
      clearTimeout(searching); searching = setTimeout(loadList, 250);
    });
    filters.addEventListener("submit", (ev) => { ev.preventDefault(); loadList(); });
    reloads.push(loadList);
    loadList();
  }

  // the annotated copy's name as the API gives it (Content-Disposition), so that a .docx
  // downloads as .docx and a PDF as .pdf
  function downloadName(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (utf8) { try { return decodeURIComponent(utf8[1].trim()); } catch (e) { /* a plain name below */ } }
    const plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  // --- one document -------------------------------------------------------------------
  const card = document.getElementById("document");
  if (card) {
    const id = card.dataset.id;
    const link = document.getElementById("annotated");
    let shown = null;  // the document whose report is shown
    link.addEventListener("click", async (ev) => {
      ev.preventDefault();
      try {
        const response = await api("/v1/documents/" + id + "/annotated");
        const blob = await response.blob();
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = downloadName(response, shown.name.replace(/\.[^.]*$/, "") + ".annotated.html");
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      } catch (e) { say(String(e.message)); }
    });
    const loadDocument = () => api("/v1/documents/" + id).then((r) => r.json()).then(async (doc) => {
      if (doc.status !== "done") { say(doc.status + " " + (doc.error ? failed({ error: doc.error }) : "")); return; }
      const html = await (await api("/v1/documents/" + id + "/report.html")).text();
      const frame = document.getElementById("report");
      frame.srcdoc = html; frame.hidden = false;
      shown = doc;
      link.hidden = false;
      say(doc.name);
    }).catch((e) => say(String(e.message)));
    reloads.push(loadDocument);
    loadDocument();
  }
})();
