// Grids of note cards (home, profiles, boards): blurhash placeholders, a masonry layout
// that appends pages without moving what the reader has seen, and notes opened over the
// grid in a dialog with their own URL. An ES module (blurhash comes from npm as one).
// Without it every grid still works: CSS columns, covers on their dominant colour, cards
// that are links and "Load more" links.
import { decode } from "../vendor/blurhash.js";

// --- placeholders: each cover's blurhash, drawn while the picture loads -----------------
// The canvas is tiny (its size only gives the card its shape) and CSS stretches it.
function paintBlurhashes(root) {
  const canvases = root.querySelectorAll ? root.querySelectorAll("canvas[data-blurhash]") : [];
  canvases.forEach((canvas) => {
    const hash = canvas.getAttribute("data-blurhash");
    canvas.removeAttribute("data-blurhash");
    try {
      const pixels = decode(hash, canvas.width, canvas.height);
      const context = canvas.getContext("2d");
      const image = context.createImageData(canvas.width, canvas.height);
      image.data.set(pixels);
      context.putImageData(image, 0, 0);
    } catch (error) {
      // A hash that does not decode leaves the dominant colour behind the picture.
    }
  });
}

// A cover that fails to load leaves its placeholder rather than a broken-image icon.
document.addEventListener(
  "error",
  (event) => {
    const image = event.target;
    if (image.tagName === "IMG" && image.closest(".note-card__cover--shaped")) image.hidden = true;
  },
  true
);

// --- masonry: N explicit columns, each new card into the shortest ----------------------
// CSS columns would rebalance every card when a page is appended; explicit columns keep
// the cards already seen where they are. The number of columns comes from the CSS
// (--grid-columns, by breakpoint); a change of it lays the cards out again in their order.
const layouts = new WeakMap();

function columnCount(grid) {
  const value = parseInt(getComputedStyle(grid).getPropertyValue("--grid-columns"), 10);
  return value > 0 ? value : 2;
}

function placeCards(grid, state, cards) {
  cards.forEach((card) => {
    if (!card.hasAttribute("data-order")) card.setAttribute("data-order", String(state.next++));
    let shortest = state.columns[0];
    state.columns.forEach((column) => {
      if (column.offsetHeight < shortest.offsetHeight) shortest = column;
    });
    shortest.appendChild(card);
  });
}

function buildColumns(grid, state) {
  const cards = Array.from(grid.querySelectorAll(".note-card")).sort(
    (a, b) => Number(a.getAttribute("data-order") || 0) - Number(b.getAttribute("data-order") || 0)
  );
  state.columns.forEach((column) => column.remove());
  state.count = columnCount(grid);
  state.columns = [];
  for (let i = 0; i < state.count; i++) {
    const column = document.createElement("div");
    column.className = "note-grid__column";
    grid.appendChild(column);
    state.columns.push(column);
  }
  placeCards(grid, state, cards);
}

function looseCards(grid) {
  return Array.from(grid.children).filter((child) => child.classList.contains("note-card"));
}

function masonry(grid) {
  if (layouts.has(grid)) return;
  const state = { columns: [], count: 0, next: 0 };
  layouts.set(grid, state);
  grid.classList.add("is-masonry");
  looseCards(grid).forEach((card) => card.setAttribute("data-order", String(state.next++)));
  buildColumns(grid, state);
  // Pages appended by the infinite scroll (or anything else) land in the shortest column
  // before the browser paints them.
  new MutationObserver(() => {
    const added = looseCards(grid);
    if (added.length) placeCards(grid, state, added);
  }).observe(grid, { childList: true });
}

function relayout() {
  document.querySelectorAll(".note-grid.is-masonry").forEach((grid) => {
    const state = layouts.get(grid);
    if (state && columnCount(grid) !== state.count) buildColumns(grid, state);
  });
}

function enhance(root) {
  if (!root || !root.querySelectorAll) return;
  paintBlurhashes(root);
  const grids = root.matches && root.matches(".note-grid") ? [root] : [];
  grids.concat(Array.from(root.querySelectorAll(".note-grid"))).forEach(masonry);
}

let resizeFrame = 0;
window.addEventListener("resize", () => {
  if (resizeFrame) return;
  resizeFrame = window.requestAnimationFrame(() => {
    resizeFrame = 0;
    relayout();
  });
});

// --- a note over the grid ---------------------------------------------------------------
// A click on a card opens the note's page content in a modal dialog and pushes the note's
// URL; the back button, Escape, the close button or a click beside the note close it and
// the grid is where it was. Loading the URL itself gives the full note page.
const overlay = {
  dialog: null,
  url: "",
  link: null,
  scrollY: 0,
  title: "",
  closingFromHistory: false,
};

function overlayDialog() {
  const dialog = document.querySelector("[data-note-overlay]");
  return dialog && typeof dialog.showModal === "function" ? dialog : null;
}

function noteIdOf(url) {
  const match = /^\/notes\/(\d+)$/.exec(url);
  return match ? match[1] : "";
}

function openOverlay(dialog, url, link) {
  const body = dialog.querySelector("[data-overlay-body]");
  if (!dialog.open) {
    overlay.scrollY = window.scrollY;
    overlay.title = document.title;
    document.documentElement.classList.add("has-note-overlay");
    dialog.showModal();
  }
  overlay.dialog = dialog;
  overlay.url = url;
  overlay.link = link;
  body.textContent = "";
  body.setAttribute("aria-busy", "true");
  window.htmx.ajax("GET", url, { target: body, swap: "innerHTML" }).then(() => {
    body.removeAttribute("aria-busy");
    const title = body.querySelector("#note-title");
    if (title && overlay.url === url) document.title = title.textContent.trim() + " · Potluck";
  });
}

function closeOverlay() {
  const dialog = overlay.dialog;
  if (dialog && dialog.open) dialog.close();
}

function onOverlayClosed() {
  const dialog = overlay.dialog;
  if (!dialog) return;
  dialog.querySelector("[data-overlay-body]").textContent = "";
  document.documentElement.classList.remove("has-note-overlay");
  document.title = overlay.title;
  window.scrollTo({ top: overlay.scrollY, behavior: "instant" });
  if (overlay.link && overlay.link.isConnected) overlay.link.focus({ preventScroll: true });
  const fromHistory = overlay.closingFromHistory;
  overlay.closingFromHistory = false;
  overlay.dialog = null;
  overlay.url = "";
  // Closed by Escape, the button or the backdrop: leave the note's history entry too.
  if (!fromHistory && history.state && history.state.noteOverlay) history.back();
}

// Tab and Shift+Tab go round the note's controls: past the last one, back to the first
// (a modal dialog alone would let the focus out to the browser's own toolbar).
const TABBABLE = "a[href], button:not([disabled]), textarea, input:not([type=hidden]), select, [tabindex]";

document.addEventListener("keydown", (event) => {
  const dialog = overlay.dialog;
  if (event.key !== "Tab" || !dialog || !dialog.open) return;
  const controls = Array.from(dialog.querySelectorAll(TABBABLE)).filter(
    (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
  );
  if (!controls.length) return;
  const first = controls[0];
  const last = controls[controls.length - 1];
  const inside = dialog.contains(document.activeElement);
  if (event.shiftKey && (!inside || document.activeElement === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
    event.preventDefault();
    first.focus();
  }
});

function cardLinkFor(url) {
  const card = document.querySelector('.note-card[data-note-id="' + noteIdOf(url) + '"]');
  return card ? card.querySelector("a[data-note-link]") : null;
}

document.addEventListener("click", (event) => {
  const target = event.target.closest ? event.target : null;
  if (!target) return;
  if (overlay.dialog && (target === overlay.dialog || target.closest("[data-overlay-close]"))) {
    // The close button, or the backdrop around the note (a click on the dialog itself).
    event.preventDefault();
    closeOverlay();
    return;
  }
  const link = target.closest("a[data-note-link]");
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab
  const dialog = overlayDialog();
  const url = link.getAttribute("href");
  if (!dialog || !window.htmx || !noteIdOf(url)) return;
  event.preventDefault();
  history.pushState({ noteOverlay: url }, "", url);
  openOverlay(dialog, url, link);
});

document.addEventListener(
  "close",
  (event) => {
    if (event.target === overlay.dialog) onOverlayClosed();
  },
  true
);

window.addEventListener("popstate", (event) => {
  const state = event.state;
  if (state && state.noteOverlay) {
    // Forward again to a note that was open.
    const dialog = overlayDialog();
    if (dialog && overlay.url !== state.noteOverlay) openOverlay(dialog, state.noteOverlay, cardLinkFor(state.noteOverlay));
    return;
  }
  if (overlay.dialog && overlay.dialog.open) {
    overlay.closingFromHistory = true;
    closeOverlay();
  }
});

// A like in the note over the grid shows on its card too, for when the note is closed.
function syncCardWith(bar) {
  const like = bar.querySelector("[data-testid=like-button]");
  const card = document.querySelector('.note-card[data-note-id="' + noteIdOf(overlay.url) + '"]');
  const button = card && card.querySelector("form[data-card-like] button");
  if (!like || !button) return;
  const liked = like.getAttribute("aria-pressed") === "true";
  const count = like.querySelector(".note-action__count");
  button.setAttribute("aria-pressed", liked ? "true" : "false");
  button.classList.toggle("is-liked", liked);
  const heart = button.querySelector("svg");
  heart.setAttribute("fill", liked ? "currentColor" : "none");
  heart.setAttribute("stroke-width", liked ? "0" : "1.9");
  button.closest("form").querySelector("input[name=liked]").value = liked ? "0" : "1";
  if (count) button.querySelector("[data-testid=card-like-count]").textContent = count.textContent;
}

document.addEventListener("htmx:load", (event) => {
  const element = event.detail.elt;
  if (overlay.dialog && element.id === "note-actions" && overlay.dialog.contains(element)) syncCardWith(element);
  else enhance(element);
});
enhance(document.body);
