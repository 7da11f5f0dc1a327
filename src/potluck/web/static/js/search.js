// The suggestions under the top bar's search box. htmx fetches them as the person types
// (hx-get on the box, search/_suggestions.html); this file only closes and navigates them:
// Escape closes the list, the arrow keys move between the box and the suggestions, and the
// list closes when the focus leaves the search form. Without JavaScript the box is a plain
// GET form to /search, and nothing here is needed.
(function () {
  "use strict";

  function parts() {
    var form = document.querySelector("form[data-search]");
    if (!form) return null;
    var input = form.querySelector("#site-search");
    var list = form.querySelector("#search-suggestions");
    return input && list ? { form: form, input: input, list: list } : null;
  }

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function close(search) {
    // Empty (no whitespace either): .search__suggestions:empty hides it.
    search.list.textContent = "";
  }

  function onKeydown(event) {
    var search = parts();
    if (!search || !search.form.contains(event.target)) return;
    if (event.key === "Escape") {
      if (!search.list.firstElementChild) return; // a search box's own Escape clears it
      event.preventDefault();
      close(search);
      search.input.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var items = links(search.list);
    if (!items.length) return;
    event.preventDefault();
    var at = items.indexOf(document.activeElement); // -1 in the box
    var next = event.key === "ArrowDown" ? at + 1 : (at === -1 ? items.length : at) - 1;
    if (next < 0 || next >= items.length) search.input.focus();
    else items[next].focus();
  }

  // Leaving the form (Tab away, a tap elsewhere) closes the list; moving inside it does not.
  function onFocusOut(event) {
    var search = parts();
    if (!search || !search.form.contains(event.target)) return;
    if (event.relatedTarget && search.form.contains(event.relatedTarget)) return;
    close(search);
  }

  // A press on a suggestion keeps the focus in the box, so the list is still there when the
  // click lands (some browsers do not focus links on click, and would close it first).
  function onPointerDown(event) {
    var search = parts();
    if (search && search.list.contains(event.target)) event.preventDefault();
  }

  // An answer that arrives after the person left the box is not shown.
  function onBeforeSwap(event) {
    var search = parts();
    if (!search || event.detail.target !== search.list) return;
    if (!search.form.contains(document.activeElement)) event.detail.shouldSwap = false;
  }

  document.addEventListener("keydown", onKeydown);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("mousedown", onPointerDown);
  document.addEventListener("htmx:beforeSwap", onBeforeSwap);
  // Back to a page from the browser's cache: no list left open from before.
  window.addEventListener("pageshow", function () {
    var search = parts();
    if (search && document.activeElement !== search.input) close(search);
  });
})();
