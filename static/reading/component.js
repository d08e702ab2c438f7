// Strait Watch reading view: an article drawn sentence by sentence from the corpus folder, each sentence
// marked by what it supports. Every piece of text is set with textContent (nothing from the article becomes
// HTML). A click or Enter on a sentence picks it; the page then shows its records (or why it has none).

function unitElement(u, picked, setTriggerValue) {
  const el = document.createElement("span");
  el.className = ["u", u.kind === "row" ? "row" : "", u.support, u.lit ? "" : "dim", u.number === picked ? "picked" : ""]
    .filter(Boolean).join(" ");
  el.dataset.n = u.number;
  el.tabIndex = 0;
  el.setAttribute("role", "button");
  el.title = u.label;
  el.setAttribute("aria-label", `Sentence ${u.number}: ${u.label}`);
  const n = document.createElement("span");
  n.className = "n";
  n.textContent = u.number;
  n.setAttribute("aria-hidden", "true");
  el.appendChild(n);
  u.segments.forEach(([text, quoted]) => {
    const part = document.createElement(quoted ? "mark" : "span");
    part.textContent = text;
    el.appendChild(part);
  });
  const pick = () => { setTriggerValue("picked", u.number); reveal(); };
  el.addEventListener("click", pick);
  el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
  return el;
}

// On a phone the records follow the article: after a pick, bring them into view (they are redrawn by the rerun
// the pick causes, so look for them for a few seconds).
const NARROW = window.matchMedia("(max-width: 640px)");
function reveal(tries = 50) {
  if (!NARROW.matches) return;
  const target = document.querySelector(".st-key-reading_evidence");
  if (target && target.querySelector(".stAlert, [data-testid='stVerticalBlockBorderWrapper'] h2")) {
    target.style.scrollMarginTop = "4rem";
    target.scrollIntoView({ behavior: "smooth", block: "start" });
  } else if (tries > 0) setTimeout(() => reveal(tries - 1), 100);
}

function draw(root, data, setTriggerValue) {
  const box = root.querySelector(".sw-read-text");
  const paragraphs = [];
  data.units.forEach((u) => {
    let p = paragraphs.length ? paragraphs[paragraphs.length - 1] : null;
    if (!p || p.dataset.paragraph !== String(u.paragraph)) {
      p = document.createElement("p");
      p.dataset.paragraph = u.paragraph;
      p.setAttribute("role", "listitem");
      paragraphs.push(p);
    } else p.appendChild(document.createTextNode(" "));
    p.appendChild(unitElement(u, data.picked, setTriggerValue));
  });
  box.replaceChildren(...paragraphs);
  root.querySelector(".sw-read-foot").textContent = data.foot;
}

function mountReading(component) {
  const { parentElement, data, setTriggerValue } = component;
  const root = parentElement.querySelector(".sw-read");
  if (root.__swKey !== data.key) {
    root.__swKey = data.key;
    draw(root, data, setTriggerValue);
  }
  root.querySelectorAll(".u.picked").forEach((el) => el.classList.remove("picked"));
  const picked = root.querySelector(`.u[data-n="${data.picked}"]`);
  if (picked) picked.classList.add("picked");
}

export default mountReading;
