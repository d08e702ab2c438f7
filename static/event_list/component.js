// The Timeline's event list (views.timeline.event_list_html: HTML from the autoescaping template, so every text
// in it is text): a tap, click, Enter or Space on an event opens its evidence (the one-rerun trigger `picked`).
// The list is replaced only when it changed, so a pick does not redraw a long list.
export default function eventList({ parentElement, data, setTriggerValue }) {
  let box = parentElement.querySelector(".sw-list");
  if (!box) {
    box = document.createElement("div");
    box.className = "sw-list";
    parentElement.appendChild(box);
    const pick = (li) => { if (li) box.__pick(li.dataset.event); };
    // a click, a tap, or Enter or Space on the focused button (a button turns those into a click)
    box.addEventListener("click", (e) => { if (e.target.closest("button")) pick(e.target.closest("li[data-event]")); });
  }
  box.__pick = (id) => setTriggerValue("picked", id);
  if (box.__html !== data.html) {
    box.innerHTML = data.html;
    box.__html = data.html;
  }
}
