// hecha report page: click a highlight or a finding to see why, with every span of that
// finding lit and one click (or n/p) away; j/k move between findings. No dependencies.
(function () {
  "use strict";
  const findings = JSON.parse(document.getElementById("hecha-findings").textContent);
  const marks = Array.from(document.querySelectorAll("mark.f"));
  const byFinding = new Map();
  marks.forEach((m) => m.dataset.f.split(" ").forEach((i) => {
    if (!byFinding.has(i)) byFinding.set(i, []);
    byFinding.get(i).push(m);
  }));
  const items = Array.from(document.querySelectorAll("li.finding"));
  const detail = document.getElementById("detail");
  let current = null;  // index of the selected finding
  let spanAt = 0;      // which of its evidence spans is in view

  function visibleItems() { return items.filter((li) => !li.hidden); }

  function spansOf(i) {
    // one mark per evidence span: the first mark at or after each span's start
    const f = findings[i];
    const lit = byFinding.get(String(i)) || [];
    return f.evidence.map((e) => lit.find((m) => Number(m.dataset.at) >= e.start) || lit[0])
      .filter(Boolean);
  }

  function show(i, span) {
    marks.forEach((m) => m.classList.remove("active"));
    items.forEach((li) => li.classList.toggle("current", li.dataset.i === String(i)));
    current = i;
    const f = findings[i];
    (byFinding.get(String(i)) || []).forEach((m) => m.classList.add("active"));
    document.getElementById("d-rule").textContent = f.rule + " " + f.rule_zh + " · " + f.severity;
    document.getElementById("d-zh").textContent = f.zh;
    document.getElementById("d-en").textContent = f.en;
    const formula = document.getElementById("d-formula");
    formula.textContent = f.formula ? f.formula + (f.expected ? " = " + f.expected : "") : "";
    formula.hidden = !f.formula;
    const list = document.getElementById("d-evidence");
    list.replaceChildren(...f.evidence.map((e, k) => {
      const li = document.createElement("li");
      li.textContent = e.role + "：" + e.text + "  (" + e.where + ")";
      li.addEventListener("click", () => goSpan(k));
      return li;
    }));
    detail.hidden = false;
    goSpan(span || 0);
  }

  function goSpan(k) {
    if (current === null) return;
    const spans = spansOf(current);
    if (!spans.length) return;
    spanAt = ((k % spans.length) + spans.length) % spans.length;
    spans[spanAt].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function step(delta) {
    const list = visibleItems();
    if (!list.length) return;
    const at = list.findIndex((li) => li.dataset.i === String(current));
    const next = list[(at + delta + list.length) % list.length];
    show(Number(next.dataset.i));
    // the explanation is pinned above the list: keep the item from scrolling under it
    const pinned = getComputedStyle(detail).position === "sticky";
    next.style.scrollMarginTop = pinned ? detail.offsetHeight + 8 + "px" : "";
    next.scrollIntoView({ block: "nearest" });
  }

  document.getElementById("doc").addEventListener("click", (ev) => {
    const m = ev.target.closest("mark.f");
    if (!m) return;
    const ids = m.dataset.f.split(" ").map(Number);
    // a highlight shared by several findings cycles through them on repeated clicks
    const at = ids.indexOf(current);
    show(ids[(at + 1) % ids.length]);
  });
  items.forEach((li) => {
    li.addEventListener("click", () => show(Number(li.dataset.i)));
    li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") show(Number(li.dataset.i)); });
  });
  document.getElementById("next-span").addEventListener("click", () => goSpan(spanAt + 1));
  document.getElementById("prev-span").addEventListener("click", () => goSpan(spanAt - 1));

  const filters = document.getElementById("filters");
  filters.addEventListener("change", () => {
    const sevs = new Set(Array.from(filters.querySelectorAll("input[name=sev]:checked"))
      .map((x) => x.value));
    const rule = filters.querySelector("select[name=rule]").value;
    items.forEach((li) => {
      li.hidden = !sevs.has(li.dataset.sev) || (rule !== "" && li.dataset.rule !== rule);
    });
    document.querySelectorAll("li.group").forEach((g) => {
      g.hidden = !g.querySelector("li.finding:not([hidden])");
    });
    const shown = new Set(visibleItems().map((li) => li.dataset.i));
    marks.forEach((m) => m.classList.toggle("dim", !m.dataset.f.split(" ").some((i) => shown.has(i))));
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest("select, input, textarea")) return;
    if (ev.key === "j") step(1);
    else if (ev.key === "k") step(-1);
    else if (ev.key === "n") goSpan(spanAt + 1);
    else if (ev.key === "p") goSpan(spanAt - 1);
    else if (ev.key === "Escape") {
      marks.forEach((m) => m.classList.remove("active"));
      detail.hidden = true;
      current = null;
    }
  });
})();
