// Strait Watch table: a custom component (v2) that stays mounted across reruns and draws a plain HTML
// table. Every cell is set with textContent (nothing from the data becomes HTML). A header sorts (numbers
// as numbers, the first click puts the largest first), a row click or Enter picks the row (the page
// focuses on it). Rows are rebuilt only when the data's key changes; a new selection only moves a class.
const LONG = 60;  // a column whose text runs longer than this keeps a readable width on a phone (CSS .long)
const NARROW = window.matchMedia("(max-width: 640px)");  // a phone: the count columns follow the first column

// The columns in display order: as given, or on a phone the first (the row's name), then the numbers, then the
// rest, so the counts are on screen without scrolling sideways.
function layout(data) {
  const all = data.columns.map((_, i) => i);
  if (!NARROW.matches || all.length < 3) return all;
  const num = all.filter((i) => i > 0 && data.columns[i].numeric);
  return [0, ...num, ...all.filter((i) => i > 0 && !data.columns[i].numeric)];
}

function header(root, data, st, setTriggerValue) {
  const tr = root.querySelector("thead tr");
  tr.replaceChildren();
  st.cols = layout(data);
  st.cols.forEach((i) => {
    const col = data.columns[i], th = document.createElement("th"), b = document.createElement("button"), mark = document.createElement("span");
    th.scope = "col";
    if (col.numeric) th.className = "num";
    b.type = "button";
    b.textContent = col.name;
    mark.className = "sw-sort";
    mark.setAttribute("aria-hidden", "true");
    b.appendChild(mark);
    b.addEventListener("click", () => {  // root.__sw: the state of the data shown now (the header outlives it)
      const s = root.__sw, first = col.numeric ? "descending" : "ascending";
      s.sort = s.sort && s.sort.col === i ? { col: i, dir: s.sort.dir === "ascending" ? "descending" : "ascending" }
                                          : { col: i, dir: first };
      body(root, s.data, s, setTriggerValue);
      marks(root, s);
    });
    th.appendChild(b);
    tr.appendChild(th);
  });
}

function marks(root, st) {
  root.querySelectorAll("thead th").forEach((th, pos) => {
    const i = st.cols[pos], on = st.sort && st.sort.col === i;
    if (on) th.setAttribute("aria-sort", st.sort.dir); else th.removeAttribute("aria-sort");
    th.querySelector(".sw-sort").textContent = on ? (st.sort.dir === "ascending" ? "▲" : "▼") : "";
  });
}

function order(data, sort) {
  const idx = data.rows.map((_, i) => i);
  if (!sort) return idx;
  const c = sort.col, sign = sort.dir === "ascending" ? 1 : -1, numeric = data.columns[c].numeric;
  const cmp = (a, b) => {
    const x = data.rows[a][c], y = data.rows[b][c];
    if (x === null || y === null) return (x === null) - (y === null);  // empty cells last, either way
    return sign * (numeric ? x - y : String(x).localeCompare(String(y), undefined, { sensitivity: "base" }));
  };
  return idx.sort((a, b) => cmp(a, b) || a - b);  // stable: ties keep the page's order
}

const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });
const CHUNK = 200;  // rows drawn at a time: more are added as the box scrolls near its end (all are sorted)

function body(root, data, st, setTriggerValue) {
  st.long = data.columns.map((col, c) => !col.numeric && data.rows.some((r) => r[c] !== null && String(r[c]).length > LONG));
  st.order = order(data, st.sort);
  st.drawn = 0;
  root.querySelector(".sw-tbl-box").scrollTop = 0;  // new rows or a new order: from the top
  root.querySelector("tbody").replaceChildren();
  more(root, st, setTriggerValue);
}

function row(root, data, st, i, setTriggerValue) {
  const tr = document.createElement("tr");
  st.cols.forEach((c) => {
    const v = data.rows[i][c], td = document.createElement("td");
    td.textContent = v === null ? "" : typeof v === "number" ? NUMBER.format(v) : v;
    if (data.columns[c].numeric) td.className = "num"; else if (st.long[c]) td.className = "long";
    tr.appendChild(td);
  });
  if (data.ids !== null) {
    const id = data.ids[i];
    tr.dataset.id = id;
    tr.tabIndex = 0;
    tr.addEventListener("click", () => pick(root, id, setTriggerValue));
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(root, id, setTriggerValue); } });
  }
  return tr;
}

function more(root, st, setTriggerValue) {
  if (st.drawn >= st.order.length) return;
  const next = st.order.slice(st.drawn, st.drawn + CHUNK).map((i) => row(root, st.data, st, i, setTriggerValue));
  st.drawn += next.length;
  root.querySelector("tbody").append(...next);
  select(root, st.selected);
}

function select(root, id) {
  root.querySelectorAll("tbody tr").forEach((tr) => {
    const on = id !== null && tr.dataset.id === id;
    tr.classList.toggle("sw-picked", on);
    if (on) tr.setAttribute("aria-selected", "true"); else tr.removeAttribute("aria-selected");
  });
}

// What a pick changes is above the table: bring it into view, below the app's header. It may appear only with
// the rerun the pick causes (an empty container is not drawn), so look for it for a few seconds.
function reveal(selector, tries = 50) {
  const target = selector ? document.querySelector(selector) : null;
  if (target) {
    target.style.scrollMarginTop = "4rem";
    target.scrollIntoView({ behavior: "smooth", block: "start" });
  } else if (selector && tries > 0) setTimeout(() => reveal(selector, tries - 1), 100);
}

function pick(root, id, setTriggerValue) {
  const st = root.__sw;
  st.selected = id;
  select(root, id);
  setTriggerValue("picked", id);
  reveal(st.data.reveal);
}

function mountTable(component) {
  const { parentElement, data, setTriggerValue } = component;
  const root = parentElement.querySelector(".sw-tbl");
  const box = root.querySelector(".sw-tbl-box");
  let st = root.__sw;
  if (!st || st.key !== data.key) {
    const sameColumns = st && JSON.stringify(st.data.columns) === JSON.stringify(data.columns);
    st = root.__sw = { key: data.key, data, sort: sameColumns ? st.sort : null, selected: data.selected, builds: (st ? st.builds : 0) + 1,
                      cols: st ? st.cols : null };
    root.classList.toggle("pickable", data.ids !== null);
    root.querySelector("table").setAttribute("aria-label", data.label || "Table");
    if (!sameColumns) header(root, data, st, setTriggerValue);
    body(root, data, st, setTriggerValue);
    marks(root, st);
    box.style.maxHeight = data.height + "px";
    root.querySelector(".sw-tbl-foot").textContent = NUMBER.format(data.rows.length) + (data.rows.length === 1 ? " row" : " rows")
      + (data.ids !== null ? ` · click a row (or press Enter on it) ${data.pick_hint || "to pick it"}` : "") + " · click a heading to sort";
  } else if (st.selected !== data.selected) {
    st.selected = data.selected;
    select(root, data.selected);
  }
  if (!root.__swScroll) {  // near the end of the box: draw the next rows
    root.__swScroll = () => { if (box.scrollTop + box.clientHeight > box.scrollHeight - 300) more(root, root.__sw, setTriggerValue); };
    box.addEventListener("scroll", root.__swScroll, { passive: true });
  }
  if (!root.__swNarrow) {  // a phone turned, or a window narrowed past the threshold: lay the columns out again
    root.__swNarrow = () => { const s = root.__sw; header(root, s.data, s, setTriggerValue); body(root, s.data, s, setTriggerValue); marks(root, s); };
    NARROW.addEventListener("change", root.__swNarrow);
  }
  return () => { NARROW.removeEventListener("change", root.__swNarrow); root.__swNarrow = null; };
}

export default mountTable;
