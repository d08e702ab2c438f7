// Tells the server which medium to draw (ui.event_list.medium): whether the window is a phone's (at most the
// 640 px of the pages' CSS) and whether it has no hover (a touch screen). `data` is what the server drew for
// ({phone, touch}; a desk with a pointer before anything was said); the probe reports only when its window
// differs, so a desk visit costs no rerun, a phone one (its first page), and a resize or rotation across the
// line one more.
const PHONE = window.matchMedia("(max-width: 640px)");
const TOUCH = window.matchMedia("(hover: none)");

export default function viewport({ parentElement, data, setStateValue }) {
  const probe = (window.__swViewport = window.__swViewport || {});
  Object.assign(probe, { known: data || {}, set: setStateValue, el: parentElement });
  const report = () => {
    if (!probe.el.isConnected) return;  // left for a page without the probe: the next page's probe asks again
    const now = { phone: PHONE.matches, touch: TOUCH.matches };
    const same = (a) => a && a.phone === now.phone && a.touch === now.touch;
    if (same(probe.known) || same(probe.sent)) return;  // drawn for this, or asked and the answer is coming
    probe.sent = now;
    probe.set("viewport", { width: window.innerWidth, touch: now.touch });
  };
  if (!probe.listening) {
    probe.listening = true;
    PHONE.addEventListener("change", () => { probe.sent = null; report(); });
    TOUCH.addEventListener("change", () => { probe.sent = null; report(); });
  }
  report();
}
