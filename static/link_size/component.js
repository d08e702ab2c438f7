// Streamlit drops a query string over its limits (data.max_fields fields or data.max_chars characters, set by
// ui/filters.py) before Python sees it: the browser measures the link and reports back only when it is over a
// limit (so an ordinary visit costs no extra rerun).
export default function ({ data, setStateValue }) {
  const q = window.location.search.replace(/^\?/, "");
  const fields = q ? q.split("&").length : 0;
  if (fields > data.max_fields || q.length > data.max_chars) setStateValue("too_long", [fields, q.length]);
}
