// Strait Watch proposals network: a custom component (v2) that stays mounted across reruns.
// Streamlit calls this function on every rerun with new `data`; the vis.Network made on the first
// call is kept on the root element and its DataSets are updated in place. All text goes in as text
// (canvas labels, innerText tooltips, textContent legend): nothing from the data becomes HTML.
// The offline pack (components/nethtml.py) runs this same file as a classic script, without the
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

function legible(st, data) {
  // Labels at least min_label_px on screen: after fitting, enlarge lit labels that draw smaller and,
  // when a focus is set on a narrow screen, fit its neighbourhood and hide the dimmed labels.
  const net = st.network, min = data.min_label_px, narrow = st.root.clientWidth < 700;
  const lit = data.nodes.filter((n) => n.lit).map((n) => n.id);
  if (data.focus && narrow) net.fit({ nodes: lit, animation: false, maxZoomLevel: 1.5 });
  else net.fit({ animation: false, maxZoomLevel: 1.2 });
  let scale = net.getScale();
  const font = data.options.nodes.font.size;
  if (!data.focus && !narrow && font * scale < min && min / (font * scale) > 1.25) {
    net.moveTo({ scale: min / font, animation: false });  // far too small: zoom in (pan to see the rest)
    scale = net.getScale();
  }
  const updates = [];
  for (const n of data.nodes) {
    let size = n.font.size;
    if (size * scale < min && (data.focus ? n.lit : !narrow)) size = Math.ceil((min + 0.5) / scale);
    else if (size * scale < min && data.focus && narrow) size = 0;
    updates.push({ id: n.id, font: Object.assign({}, n.font, { size: size }) });
  }
  st.nodes.update(updates);
}

function sync(ds, items) {
  const ids = new Set(items.map((i) => i.id));
  ds.remove(ds.getIds().filter((id) => !ids.has(id)));
  ds.update(items);
}

function mountNetwork(component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".sw-net");
  const sig = JSON.stringify(data);
  if (root.__sw && root.__sw.sig === sig) { root.__sw.skipped = (root.__sw.skipped || 0) + 1; return; }  // unrelated rerun
  const box = root.querySelector(".sw-canvas"), note = root.querySelector(".sw-note");
  box.style.height = data.height + "px";
  legend(root.querySelector(".sw-legend"), data.legend);
  loadVis(data.asset_base).then(() => {
    let st = root.__sw;
    if (!st) {
      const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
      const network = new vis.Network(box, { nodes, edges }, data.options);
      st = root.__sw = { network, nodes, edges, focus: undefined, root, mounts: 0 };
      network.on("click", (p) => {
        if (p.nodes.length) setTriggerValue("clicked", { node: p.nodes[0] });
        else if (p.edges.length) {
          const e = st.edges.get(p.edges[0]);
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
    note.hidden = true;
    if (st.focus !== data.focus) legible(st, data);  // a new focus re-fits; otherwise the viewport stays
    else st.nodes.update(data.nodes.map((n) => ({ id: n.id, font: st.nodes.get(n.id).font })));
    st.focus = data.focus;
  }).catch(() => {
    note.hidden = false;
    note.textContent = "The network drawing could not load (script blocked or missing). " +
      "The tables below hold the same information.";
  });
}

export default mountNetwork;
