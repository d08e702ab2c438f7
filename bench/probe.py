"""The JavaScript the benchmark installs in every page it measures (timestamps taken inside the page)."""

# Installed in every new document of a benchmark context; VISUAL is replaced per context.
PROBE_JS = """
(() => {
  if (window.top !== window) return;
  const wanted = VISUAL;
  const B = window.__bench = {states: [], first: null, t0: null, lastMain: 0, lastMsg: 0, mutations: 0, bytes: 0};
  const now = () => performance.now();
  // Every message from the server: the last one after a change is the end of the rerun, even when
  // React batches running -> notRunning into one render and the state attribute never flips.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); this.addEventListener('message', e => { B.lastMsg = now();
      if (B.t0 !== null) B.bytes += e.data.byteLength ?? e.data.size ?? e.data.length ?? 0; }); } };
  const painted = c => { try {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 64) if (d[i] > 0) return true; } catch (e) {}
    return false; };
  const drawn = {
    // Plotly 6+ sends numeric arrays as {dtype, bdata}: a non-empty bdata counts as data.
    plotly: () => [...document.querySelectorAll('.js-plotly-plot')].some(el => el.querySelector('.main-svg')
              && (el.data || []).some(t => [t.x, t.y, t.z, t.values].some(a => a && (a.length > 0 || a.bdata)))),
    network: () => [...document.querySelectorAll('.sw-net canvas')].some(c => c.width > 0 && painted(c)),
    slide: () => !!document.querySelector('.st-key-sw_present h1'),
    records: () => !!document.querySelector('table.sw-ev tr'),
    widget: () => !!document.querySelector('[data-testid=stMultiSelect] input'),
  }[wanted];
  const poll = () => { if (drawn()) B.first = now(); else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
  const inMain = node => { const el = node.nodeType === 1 ? node : node.parentElement;
                           return !!(el && el.closest('[data-testid=stMain]')); };
  new MutationObserver(records => { for (const m of records) {
      if (m.attributeName === 'data-test-script-state') B.states.push([now(), m.target.getAttribute(m.attributeName)]);
      else if (inMain(m.target)) { B.lastMain = now(); B.mutations++; } } })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('load', e => { if (e.target.tagName === 'IFRAME' && inMain(e.target)) B.lastMain = now(); }, true);
  // Armed just before the measured input: its pointer-down (or key-down) is time zero.
  const start = () => { if (B.armed) { B.t0 = now(); B.bytes = 0; B.armed = false; } };
  document.addEventListener('pointerdown', start, true);
  document.addEventListener('keydown', start, true);
})();
"""

IDLE_JS = """quiet => { const B = window.__bench, app = document.querySelector('[data-testid=stApp]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
      && performance.now() - B.lastMain >= quiet; }"""

RERUN_DONE_JS = """quiet => { const B = window.__bench, app = document.querySelector('[data-testid=stApp]');
  if (B.t0 === null || B.lastMsg < B.t0) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const settled = Math.max(B.lastMsg, B.lastMain);
  if (performance.now() - settled < quiet) return false;
  return {script: B.lastMsg - B.t0, redraw: settled - B.t0, bytes: B.bytes}; }"""
