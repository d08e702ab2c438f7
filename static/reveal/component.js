// Scrolls the evidence panel into view when its record changes (issue 30): a click on a chart mark, a matrix cell
// or a network node fills a panel far below the chart, and the page would not move. Python mounts this at the top
// of the panel with the picked id as `token` ('' for none). A link's own pick (the first token seen on a page, named
// in the URL the browser opened) does not scroll; every other pick does, the first one too when a click came before
// the mount's first draw (a loaded machine). The table component scrolls on its own pick (static/table, `reveal`).
const OPENED = (() => {
  const url = ((performance.getEntriesByType("navigation")[0] || {}).name || window.location.href).replace(/\+/g, " ");
  try { return decodeURIComponent(url); } catch (e) { return url; }  // a malformed %-escape in a typed link
})();

export default function reveal({ parentElement, data }) {
  const seen = (window.__swReveal = window.__swReveal || {});
  const page = window.location.pathname, token = (data && data.token) || "";
  const first = !(page in seen);
  if (!first && seen[page] === token) return;
  seen[page] = token;
  if (!token || (first && OPENED.includes(token))) return;
  const target = parentElement.closest("[data-testid='stElementContainer']") || parentElement;
  target.style.scrollMarginTop = "4rem";
  // Smooth unless the reader asked the system for less motion (WCAG 2.3.3).
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "start" });
}
