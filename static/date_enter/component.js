// Enter applies a typed date (issue 30). Streamlit's date field (react-aria segments: year, month, day) commits a
// typed date only when focus moves out of the field (Tab, a click elsewhere, Escape), not on Enter; a bare blur()
// does not commit either (measured: it leaves the date typed, not applied). One listener on the page (capture
// phase, installed once): Enter in a segment moves focus to the widget's own box around the field, which commits
// the date as a click elsewhere does, and a further Tab goes on to the next control. Streamlit has no option for
// this; the field is found by its data-testid, so an upgrade that renames it fails
// tests/browser/test_date_enter_browser.py.
export default function dateEnter() {
  if (window.__swDateEnter) return;
  window.__swDateEnter = true;
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing || !e.target.closest) return;
    if (!e.target.closest("[data-testid='stDateInputField'] [role='spinbutton']")) return;
    const box = e.target.closest("[data-testid='stDateInput']");
    if (!box) return;
    box.tabIndex = -1;  // focusable by script only: not a Tab stop of its own
    box.focus({ preventScroll: true });
  }, true);
}
