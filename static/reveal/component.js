// Scrolls the evidence panel into view when its record changes (issue 30): a click on a chart mark, a matrix cell
// or a network node fills a panel far below the chart, and the page would not move. Python mounts this at the top
// of the panel with the picked id as `token` ('' for none). The first token seen on a page (a link's own pick) does
// not scroll; every later change does. The table component scrolls on its own pick (static/table, `reveal`).
export default function reveal({ parentElement, data }) {
  const seen = (window.__swReveal = window.__swReveal || {});
  const page = window.location.pathname, token = (data && data.token) || "";
  if (!(page in seen)) { seen[page] = token; return; }
  if (seen[page] === token) return;
  seen[page] = token;
  if (!token) return;
  const target = parentElement.closest("[data-testid='stElementContainer']") || parentElement;
  target.style.scrollMarginTop = "4rem";
  // Smooth unless the reader asked the system for less motion (WCAG 2.3.3).
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  target.scrollIntoView({ behavior: calm ? "auto" : "smooth", block: "start" });
}
