// Potluck's page script. Progressive enhancement only: every page works without it,
// and nothing here is inline (the Content-Security-Policy allows scripts from /static only).
(function () {
  "use strict";

  var SECTIONS = [
    ["home", /^\/$/],
    ["shop", /^\/shop(\/|$)/],
    ["compose", /^\/(compose(\/|$)|notes\/new$)/],
    ["messages", /^\/messages(\/|$)/],
    ["notifications", /^\/notifications(\/|$)/],
    ["me", /^\/(@|login(\/|$)|signup(\/|$)|settings(\/|$))/],
  ];

  function sectionOf(path) {
    for (var i = 0; i < SECTIONS.length; i++) {
      if (SECTIONS[i][1].test(path)) return SECTIONS[i][0];
    }
    return null;
  }

  // The server marks the active item when it knows it (nav_active); pages that don't say,
  // and pages swapped in by htmx, get it from the URL.
  function markActiveNav() {
    var links = document.querySelectorAll("[data-nav]");
    var marked = document.querySelector('[data-nav][aria-current="page"]');
    var section = sectionOf(window.location.pathname);
    if (marked && marked.getAttribute("data-nav") === section) return;
    for (var i = 0; i < links.length; i++) {
      if (section && links[i].getAttribute("data-nav") === section) {
        links[i].setAttribute("aria-current", "page");
      } else {
        links[i].removeAttribute("aria-current");
      }
    }
  }

  // "/" jumps to the search box, as on most sites with one.
  function focusSearchOnSlash(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var search = document.getElementById("site-search");
    if (search) {
      event.preventDefault();
      search.focus();
    }
  }

  // A translation shows in place of its original; "Show original" swaps them back and forth.
  function toggleTranslation(event) {
    var toggle = event.target.closest && event.target.closest("[data-translation-toggle]");
    if (!toggle) return;
    var box = toggle.closest("[data-translatable]");
    if (!box) return;
    var original = box.classList.toggle("is-showing-original");
    toggle.textContent = toggle.getAttribute(original ? "data-label-translation" : "data-label-original");
  }

  // The footer's language picker changes the language as soon as one is chosen.
  function changeLanguage(event) {
    var select = event.target;
    if (!select.closest || !select.closest("[data-language-picker]")) return;
    select.form.submit();
  }

  document.addEventListener("click", toggleTranslation);
  document.addEventListener("change", changeLanguage);
  document.addEventListener("DOMContentLoaded", markActiveNav);
  document.addEventListener("htmx:afterSettle", markActiveNav);
  document.addEventListener("htmx:historyRestore", markActiveNav);
  document.addEventListener("keydown", focusSearchOnSlash);
})();
