// Streamlit drops a query string over 1,000 fields or 512 KiB before Python sees it: the browser measures the
// link and reports back only when it is over a limit (so an ordinary visit costs no extra rerun).
const MAX_FIELDS = 1000, MAX_CHARS = 512 * 1024;

export default function ({ setStateValue }) {
  const q = window.location.search.replace(/^\?/, "");
  const fields = q ? q.split("&").length : 0;
  if (fields > MAX_FIELDS || q.length > MAX_CHARS) setStateValue("too_long", [fields, q.length]);
}
