// Strait Watch proposals network: a custom component (v2) that stays mounted across reruns.
// Streamlit calls this function on every rerun with new `data`; the vis.Network made on the first
// call is kept on the root element and its DataSets are updated in place. All text goes in as text
// (canvas labels, innerText tooltips, textContent legend): nothing from the data becomes HTML.
// The offline pack (strait_watch/views/network/standalone.py) runs this same file as a classic script, without the
// last line, and calls mountNetwork itself with the same data.
const VIS = "/vis-network.min.js", CSS = "/vis-network.css";

function loadVis(base) {
  if (window.vis && window.vis.Network) return Promise.resolve();
  if (!window.__swVisLoading) {
    window.__swVisLoading = new Promise((resolve, reject) => {
      const link = document.createElement("link");
      link.rel = "stylesheet"; link.href = base + CSS; document.head.appendChild(link);
      const s = document.createElement("script");
      s.src = base + VIS;
      s.onload = () => (window.vis ? resolve() : reject(new Error("vis missing")));
      s.onerror = () => { window.__swVisLoading = null; reject(new Error("vis-network did not load")); };
      document.head.appendChild(s);
    });
  }
  return window.__swVisLoading;
}

function legend(el, parts) {
  el.replaceChildren();
  for (const [title, items, shape] of [["Proposers (ring: ", parts.proposers, "dot"], ["Measures (fill: ", parts.measures, "diamond"]]) {
    const group = document.createElement("div");
    group.className = "sw-legend-part";
    const h = document.createElement("strong");
    h.textContent = shape === "dot" ? "● Proposers" : "◆ Measures";
    group.appendChild(h);
    for (const item of items) {
      const span = document.createElement("span");
      const key = document.createElement("span");
      key.className = "sw-key " + shape;
      if (shape === "dot") key.style.borderColor = item.color; else key.style.background = item.color;
      span.appendChild(key);
      span.appendChild(document.createTextNode(item.label));
      group.appendChild(span);
    }
    el.appendChild(group);
  }
}

function fitHeight(box, data, narrow) {
  // As tall as the whole layout drawn at this width (no empty band above and below it); the size comes
  // from the unfiltered layout, so the canvas does not jump when filters change.
  const [w, h] = data.layout_size, k = Math.min(1.2, (box.clientWidth - 20) / (w + 170));
  box.style.height = Math.round(Math.min(data.height * 1.3, Math.max(narrow ? 320 : 360, (h + 200) * k))) + "px";
}

function labelSizes(data, scale, narrow) {
  // Fonts (canvas px) that draw at least min_label_px at `scale`, wrapped at a width grown alike (whole
  // words per line); labels that would be specks on a narrow screen are hidden.
  const min = data.min_label_px, wrap = data.options.nodes.widthConstraint.maximum;
  return data.nodes.map((n) => {
    let size = n.font.size, width = wrap;
    if (size * scale < min) {
      size = narrow ? 0 : Math.ceil((min + 0.5) / scale);
      width = Math.round(wrap * Math.max(1, size / n.font.size));
    }
    return { id: n.id, font: Object.assign({}, n.font, { size: size }), widthConstraint: { maximum: width } };
  });
}

function phoneFocus(st, data) {
  // On a phone the whole layout is too wide to label: the focus and its neighbourhood are laid out as a
  // two-column list under the focus (in their layout order), the rest is hidden until the focus clears.
  const lit = data.nodes.filter((n) => n.lit && n.id !== data.focus)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const cell = data.options.nodes.widthConstraint.maximum + 30, row = 110;
  const view = data.nodes.map((n) => ({ id: n.id, hidden: !n.lit }));
  const at = {};
  at[data.focus] = { x: 0, y: 0 };
  lit.forEach((n, i) => { at[n.id] = { x: (i % 2 ? 0.5 : -0.5) * cell, y: row * (1 + Math.floor(i / 2)) }; });
  for (const v of view) if (at[v.id]) Object.assign(v, at[v.id]);
  const height = Math.min(1600, Math.max(320, row * (1 + Math.ceil(lit.length / 2)) + 60));
  st.box.style.height = height + "px";
  st.network.setSize("100%", height + "px");
  return view;
}

function legible(st, data) {
  // Labels at least min_label_px on screen. Wide: fit the whole graph and enlarge the labels that draw
  // smaller (zoom in only when they would be far too small). Narrow without a focus, labels would be
  // specks: they are hidden and a hint says how to read them; with one, see phoneFocus.
  const net = st.network, min = data.min_label_px, narrow = st.root.clientWidth < 700;
  let view = data.nodes.map((n) => ({ id: n.id, hidden: false, x: n.x, y: n.y }));
  if (narrow && data.focus) view = phoneFocus(st, data);
  else if (st.phone) { fitHeight(st.box, data, narrow); net.setSize("100%", st.box.style.height); }
  st.phone = narrow && !!data.focus;
  st.nodes.update(view);
  if (st.phone) net.fit({ nodes: data.nodes.filter((n) => n.lit).map((n) => n.id), animation: false, maxZoomLevel: 1.2 });
  else net.fit({ animation: false, maxZoomLevel: 1.2 });
  let scale = net.getScale();
  const font = data.options.nodes.font.size;
  if (!narrow && font * scale < min && min / (font * scale) > 1.6) {
    net.moveTo({ scale: min / font, animation: false });  // far too small: zoom in (pan to see the rest)
    scale = net.getScale();
  }
  const sizes = labelSizes(data, st.phone ? Math.max(scale, min / font) : scale, narrow && !st.phone);
  st.view = view.map((v, i) => Object.assign(v, sizes[i]));  // kept over reruns until the focus changes
  st.nodes.update(st.view);
  st.hint.hidden = !(narrow && !data.focus);
}

function sync(ds, items) {
  const ids = new Set(items.map((i) => i.id));
  ds.remove(ds.getIds().filter((id) => !ids.has(id)));
  ds.update(items);
}

// The base (nodes with their three looks, edges, options, legend) comes once per key and session: the page
// sends `base: null` when this session already has it, and the bases are kept here, on the window, so a
// remount (another page and back) still finds them. A base missing here is asked for once.
const BASES = (window.__swNetBases = window.__swNetBases || new Map());

function baseFor(data, root, setTriggerValue) {
  if (data.base) {
    BASES.delete(data.key);
    BASES.set(data.key, data.base);
    while (BASES.size > 4) BASES.delete(BASES.keys().next().value);
    return data.base;
  }
  const base = BASES.get(data.key);
  if (!base && root.__swAsked !== data.key) {
    root.__swAsked = data.key;
    setTriggerValue("clicked", { need_base: data.key });
  }
  return base;
}

function styled(base, view) {
  // The vis items of one view: each node takes the look Python made for it (focus, on or off; see
  // strait_watch/views/network/drawing.py, styled_nodes, the same choice), each line 'on' when both its ends are lit.
  const lit = view.lit ? new Set(view.lit) : null, isLit = (id) => !lit || lit.has(id);
  const nodes = base.nodes.map((n) => {
    const { styles, ...item } = n, on = isLit(n.id);
    return Object.assign(item, structuredClone(styles[n.id === view.focus ? "focus" : on ? "on" : "off"]), { lit: on });  // a copy: vis merges into its items
  });
  const edges = base.edges.map((e) => {
    const on = isLit(e.from) && isLit(e.to);
    return Object.assign({}, e, { color: base.edge_look[on ? "on" : "off"], lit: on });
  });
  return Object.assign({}, base, { nodes, edges, focus: view.focus });
}

// vis's own hit test (Edge.isOverlappingWith: within 10 canvas units of a straight line) picks the line drawn
// last, so where a lit line crosses a dimmed one the dimmed one could win. With a focus set, a click on a dimmed
// line that is as near a lit one opens the nearest lit one: the lines the reader is looking at win.
const HIT = 10;
function litEdgeNear(st, at) {
  if (!st.data.focus) return null;
  let best = null, bestDist = HIT;
  for (const e of st.edges.get({ filter: (x) => x.lit })) {
    const p = st.network.getPositions([e.from, e.to]), a = p[e.from], b = p[e.to];
    if (!a || !b) continue;
    const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((at.x - a.x) * dx + (at.y - a.y) * dy) / len2)) : 0;
    const d = Math.hypot(at.x - (a.x + t * dx), at.y - (a.y + t * dy));
    if (d < bestDist) { best = e; bestDist = d; }
  }
  return best;
}

function mountNetwork(component) {
  const { parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".sw-net");
  const base = baseFor(component.data, root, setTriggerValue);
  root.__swBases = (root.__swBases || 0) + (component.data.base ? 1 : 0);  // bases received (tests read it)
  if (!base) return;  // asked for; the next rerun brings it
  const sig = component.data.key + "|" + component.data.focus + "|" + (component.data.lit || []).join(",");
  if (root.__sw && root.__sw.sig === sig) { root.__sw.skipped = (root.__sw.skipped || 0) + 1; return; }  // unrelated rerun
  const data = styled(base, component.data);
  const box = root.querySelector(".sw-canvas"), note = root.querySelector(".sw-note");
  const narrow = root.clientWidth < 700;
  if (!root.__sw || !root.__sw.phone) fitHeight(box, data, narrow);  // the phone focus list sizes its own
  if (!root.__sw || root.__sw.key !== component.data.key) legend(root.querySelector(".sw-legend"), data.legend);
  loadVis(data.asset_base).then(() => {
    let st = root.__sw;
    if (!st) {
      const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
      const network = new vis.Network(box, { nodes, edges }, data.options);
      const hint = root.querySelector(".sw-hint");
      st = root.__sw = { network, nodes, edges, focus: undefined, root, hint, box, mounts: 0, view: [] };
      network.on("click", (p) => {
        if (p.nodes.length) setTriggerValue("clicked", { node: p.nodes[0] });
        else if (p.edges.length) {
          let e = st.edges.get(p.edges[0]);
          if (!e.lit) e = litEdgeNear(st, p.pointer.canvas) || e;
          setTriggerValue("clicked", { edge: e.id, proposal: e.proposals[0] || null });
        } else setTriggerValue("clicked", { background: true });
      });
      network.once("afterDrawing", () => { root.dataset.drawn = "1"; root.dispatchEvent(new Event("sw-drawn")); });
    } else {
      sync(st.nodes, data.nodes);
      sync(st.edges, data.edges);
    }
    st.mounts += 1;
    st.data = data;
    st.sig = sig;
    st.key = component.data.key;
    note.hidden = true;
    if (st.focus !== data.focus) legible(st, data);  // a new focus re-fits; otherwise the viewport stays
    else st.nodes.update(st.view.filter((v) => st.nodes.get(v.id)));  // same focus: same labels and places
    st.focus = data.focus;
  }).catch(() => {
    note.hidden = false;
    note.textContent = "The network drawing could not load (script blocked or missing). " +
      "The tables below hold the same information.";
  });
}

export default mountNetwork;
