// Triage on a document's page: each finding of the latest report with its review status
// (待核查 open, 确认 confirmed, 误报 false positive, 忽略 ignored) and a note; a change is
// saved at once through the API (PATCH), and kept for the same finding in later checks.
(function () {
  "use strict";
  const card = document.getElementById("document");
  const panel = document.getElementById("triage");
  if (!card || !panel) return;
  const id = card.dataset.id;
  const STATUSES = [["open", "待核查 / open"], ["confirmed", "确认 / confirmed"],
    ["false_positive", "误报 / false positive"], ["ignored", "忽略 / ignored"]];
  const key = () => (document.getElementById("api-key").value || localStorage.getItem("hecha-key") || "").trim();
  const request = (path, options) => fetch(path, Object.assign({}, options, {
    headers: { Authorization: "Bearer " + key(), "Content-Type": "application/json" },
  }));

  function cell(content) {
    const td = document.createElement("td");
    td.append(content);
    return td;
  }

  // A PDF finding's page, drawn by the server with the evidence boxed, shown under the table.
  async function preview(finding, place) {
    const figure = document.getElementById("page-preview");
    const response = await fetch(place.picture, { headers: { Authorization: "Bearer " + key() } });
    const caption = figure.querySelector("figcaption");
    if (!response.ok) {
      caption.textContent = "无法显示该页 / the page cannot be shown (" + response.status + ")";
      figure.hidden = false;
      return;
    }
    const image = figure.querySelector("img");
    if (image.src) URL.revokeObjectURL(image.src);
    image.src = URL.createObjectURL(await response.blob());
    image.alt = place.text_zh + " / " + place.text_en;
    caption.textContent = place.text_zh + " / " + place.text_en + " · " + finding.message_zh;
    figure.hidden = false;
    figure.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function where(finding, place) {
    const span = document.createElement("span");
    span.textContent = place.text_zh || "—";
    if (!place.picture) return span;
    const button = document.createElement("button");
    button.type = "button"; button.className = "page-button";
    button.textContent = "原页 / page";
    button.addEventListener("click", () => preview(finding, place));
    span.append(" ", button);
    return span;
  }

  function row(finding, review, place) {
    const tr = document.createElement("tr");
    tr.dataset.finding = finding.id;
    tr.className = "sev-" + finding.severity;
    const status = document.createElement("select");
    status.className = "review-status";
    STATUSES.forEach(([value, label]) => status.append(new Option(label, value, false, value === review.status)));
    const note = document.createElement("input");
    note.className = "review-note"; note.maxLength = 2000; note.value = review.note || "";
    const saved = document.createElement("span");
    saved.className = "saved muted";
    const save = async () => {
      const response = await request("/v1/documents/" + id + "/findings/" + finding.id, {
        method: "PATCH", body: JSON.stringify({ status: status.value, note: note.value.trim() || null }),
      });
      saved.textContent = response.ok ? "已保存 / saved" : "未保存 / not saved (" + response.status + ")";
    };
    status.addEventListener("change", save);
    note.addEventListener("change", save);
    [finding.severity, finding.rule, finding.message_zh, where(finding, place), status, note, saved]
      .forEach((c) => tr.append(cell(c)));
    return tr;
  }

  async function load() {
    const response = await request("/v1/documents/" + id + "/findings");
    if (!response.ok) return;  // not checked (yet): the status line above says why
    const page = await response.json();
    panel.querySelector("tbody").replaceChildren(...page.data.map((r) => row(r.finding, r.review, r.place)));
    panel.hidden = page.data.length === 0;
  }

  load();
})();
