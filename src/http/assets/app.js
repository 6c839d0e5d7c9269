// tracuu search page: no framework, no build step. The page state lives in the URL
// (/?q=…&province=…&year=…&offset=…, or /?doc=ID), so every view can be linked and reloaded.
"use strict";

const PAGE_SIZE = 10;
const FACETS = [
  ["province", "Tỉnh/thành", "province"],
  ["province_2025", "Tỉnh/thành (sau 2025)", "province_2025"],
  ["year", "Năm", "year"],
  ["program", "Chương trình", "program"],
  ["document_type", "Loại văn bản", "document_type"],
];
const FILTER_LABELS = {
  province: "Tỉnh/thành", province_2025: "Tỉnh/thành 2025", year: "Năm",
  program: "Chương trình", document: "Văn bản", document_type: "Loại văn bản",
  from: "Từ ngày", to: "Đến ngày",
};
// Display names of facet values that are ids (programmes), learnt from the facet counts.
const valueLabels = new Map();
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

function params() { return new URLSearchParams(location.search); }

function go(p, replace) {
  const url = "/" + (p.toString() ? "?" + p.toString() : "");
  if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  render();
}

function setFilter(name, value) {
  const p = params();
  p.delete("doc");
  if (value === null || p.get(name) === value) p.delete(name); else p.set(name, value);
  p.delete("offset");
  go(p);
}

function formatDate(rfc3339) {
  if (!rfc3339) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(rfc3339);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : rfc3339;
}

function safeUrl(url) {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const json = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(json.error || `HTTP ${response.status}`);
  return json;
}

function apiQuery(p) {
  const q = new URLSearchParams();
  for (const k of ["q", "province", "province_2025", "program", "document", "document_type", "from", "to", "sort", "offset"]) {
    if (p.get(k)) q.set(k, p.get(k));
  }
  if (p.get("year")) { q.set("from", p.get("year")); q.set("to", p.get("year")); }
  q.set("limit", String(PAGE_SIZE));
  return q;
}

function hitItem(hit) {
  const docUrl = "/?doc=" + encodeURIComponent(hit.id);
  const title = el("a", { href: docUrl, textContent: hit.title || hit.id, onclick: (e) => {
    e.preventDefault(); go(new URLSearchParams({ doc: hit.id }));
  } });
  const meta = el("div", { class: "meta" });
  if (hit.published) meta.append(el("time", { dateTime: hit.published, textContent: formatDate(hit.published) }));
  if (hit.province) meta.append(el("span", { class: "province", textContent: hit.province }));
  if (hit.source) meta.append(el("span", { textContent: hit.source }));
  const source = safeUrl(hit.source_url);
  if (source) meta.append(el("a", { href: source, rel: "noopener", target: "_blank", textContent: "Nguồn" }));
  const snippet = el("p", { class: "snippet" });
  // The engine's snippet is HTML: <b> around matches, every other character escaped.
  snippet.innerHTML = hit.snippet || "";
  return el("li", { class: "hit", "data-id": hit.id }, el("h2", {}, title), meta, snippet);
}

function renderFacets(facets, p) {
  const box = $("facets");
  box.replaceChildren();
  for (const [key, label, param] of FACETS) {
    const values = (facets && facets[key]) || [];
    if (!values.length) continue;
    const list = el("ul", {});
    for (const { value, label: name, count } of values.slice(0, 30)) {
      if (name) valueLabels.set(value, name);
      const active = param && p.get(param) === value;
      const content = [el("span", { class: "value", textContent: name || value, title: value }),
        el("span", { class: "count", textContent: String(count) })];
      const item = param
        ? el("button", { type: "button", class: active ? "active" : "", "data-facet": key, "data-value": value,
            onclick: () => setFilter(param, value) }, ...content)
        : el("div", { class: "chip-static" }, ...content);
      list.append(el("li", {}, item));
    }
    box.append(el("h3", { textContent: label }), list);
  }
}

function renderFilters(p) {
  const box = $("filters");
  box.replaceChildren();
  for (const [name, label] of Object.entries(FILTER_LABELS)) {
    const v = p.get(name);
    if (!v) continue;
    box.append(el("button", { type: "button", class: "chip", "data-filter": name, title: "Bỏ lọc",
      onclick: () => setFilter(name, null) }, `${label}: ${valueLabels.get(v) || v}`, el("span", { textContent: "×" })));
  }
}

function renderHistogram(histogram, p) {
  const box = $("histogram");
  box.replaceChildren();
  const years = new Map();
  for (const { month, count } of histogram || []) {
    const y = month.slice(0, 4);
    years.set(y, (years.get(y) || 0) + count);
  }
  if (years.size < 1) return;
  const max = Math.max(...years.values());
  for (const [year, count] of [...years.entries()].sort()) {
    const fill = el("span", { class: "fill" });
    fill.style.height = Math.max(4, Math.round((count / max) * 100)) + "%";
    box.append(el("button", { type: "button", class: "bar", "data-year": year, title: `${year}: ${count} bài`,
      onclick: () => setFilter("year", year) }, el("span", { textContent: String(count) }), fill, el("span", { textContent: year })));
  }
}

function renderPager(total, p) {
  const box = $("pager");
  box.replaceChildren();
  const offset = Number(p.get("offset") || 0);
  if (total <= PAGE_SIZE) return;
  const pages = Math.ceil(Math.min(total, 10000 + PAGE_SIZE) / PAGE_SIZE);
  const page = Math.floor(offset / PAGE_SIZE) + 1;
  const to = (o) => { const n = params(); if (o > 0) n.set("offset", String(o)); else n.delete("offset"); go(n); window.scrollTo(0, 0); };
  box.append(
    el("button", { type: "button", id: "prev", textContent: "‹ Trước", disabled: page <= 1, onclick: () => to(offset - PAGE_SIZE) }),
    el("span", { textContent: `Trang ${page} / ${pages}` }),
    el("button", { type: "button", id: "next", textContent: "Sau ›", disabled: page >= pages, onclick: () => to(offset + PAGE_SIZE) }),
  );
}

async function renderSearch(p) {
  $("doc").hidden = true;
  $("q").value = p.get("q") || "";
  $("sort").value = p.get("sort") === "date" ? "date" : "relevance";
  renderFilters(p);
  $("status").textContent = "Đang tìm…";
  const data = await api("/api/search?" + apiQuery(p).toString());
  const dym = $("didyoumean");
  dym.hidden = !data.suggestion;
  if (data.suggestion) {
    const n = params(); n.set("q", data.suggestion); n.delete("offset");
    dym.replaceChildren("Có phải bạn muốn tìm: ", el("a", { href: "/?" + n.toString(), textContent: data.suggestion,
      onclick: (e) => { e.preventDefault(); go(n); } }), "?");
  }
  $("status").replaceChildren(el("span", { id: "total", textContent: String(data.total) }),
    ` kết quả (${data.took_ms.toFixed(1)} ms)`);
  renderFacets(data.facets, p);
  renderFilters(p); // again, now that the facets named the programme ids
  renderHistogram(data.histogram, p);
  $("hits").replaceChildren(...data.hits.map(hitItem));
  if (!data.hits.length) $("hits").append(el("li", { class: "empty", textContent: "Không tìm thấy bài viết nào." }));
  renderPager(data.total, p);
}

async function renderDocument(id) {
  for (const part of ["facets", "filters", "histogram", "hits", "pager"]) $(part).replaceChildren();
  $("didyoumean").hidden = true;
  $("status").textContent = "";
  const doc = $("doc");
  doc.hidden = false;
  doc.replaceChildren(el("p", { textContent: "Đang tải…" }));
  const [hit, related] = await Promise.all([
    api("/api/documents/" + encodeURIComponent(id)),
    api("/api/documents/" + encodeURIComponent(id) + "/similar?limit=5").catch(() => ({ similar: [], near_duplicates: [] })),
  ]);
  const meta = el("div", { class: "meta" });
  if (hit.published) meta.append(el("time", { textContent: formatDate(hit.published) }));
  if (hit.province) meta.append(el("span", { textContent: hit.province }));
  if (hit.author) meta.append(el("span", { textContent: hit.author }));
  if (hit.source) meta.append(el("span", { textContent: hit.source }));
  const source = safeUrl(hit.source_url);
  if (source) meta.append(el("a", { href: source, rel: "noopener", target: "_blank", textContent: "Xem bài gốc" }));
  const body = el("div", { class: "body" });
  for (const para of (hit.body || "").split(/\n\s*\n|\n/)) if (para.trim()) body.append(el("p", { textContent: para.trim() }));
  const back = el("a", { href: "#", textContent: "‹ Quay lại", onclick: (e) => { e.preventDefault(); history.back(); } });
  doc.replaceChildren(back, el("h1", { textContent: hit.title }), meta, body);
  doc.append(el("h2", { textContent: "Bài liên quan" }));
  doc.append(related.similar.length ? el("ol", { id: "related" }, ...related.similar.map(hitItem))
    : el("p", { textContent: "Chưa có bài liên quan." }));
  if (related.near_duplicates.length) {
    doc.append(el("h2", { textContent: "Bản trùng lặp" }), el("ol", { id: "duplicates" }, ...related.near_duplicates.map(hitItem)));
  }
}

async function render() {
  document.body.dataset.state = "loading";
  const p = params();
  try {
    if (p.get("doc")) await renderDocument(p.get("doc"));
    else await renderSearch(p);
  } catch (err) {
    $("status").textContent = "Lỗi: " + err.message;
    $("hits").replaceChildren();
  }
  document.body.dataset.state = "ready";
}

let suggestTimer = null;
$("q").addEventListener("input", () => {
  clearTimeout(suggestTimer);
  const q = $("q").value;
  suggestTimer = setTimeout(async () => {
    if (!q.trim()) return;
    try {
      const data = await api("/api/suggest?q=" + encodeURIComponent(q));
      $("suggestions").replaceChildren(...data.completions.map((c) => el("option", { value: c })));
    } catch (_) { /* suggestions are optional */ }
  }, 150);
});

$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const p = params();
  p.delete("doc");
  p.delete("offset");
  const q = $("q").value.trim();
  if (q) p.set("q", q); else p.delete("q");
  if ($("sort").value === "date") p.set("sort", "date"); else p.delete("sort");
  go(p);
});
$("sort").addEventListener("change", () => $("search-form").requestSubmit());
window.addEventListener("popstate", render);
render();
