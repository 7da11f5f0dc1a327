// Reading notes: the photo carousel (swipe, arrows, dots, arrow keys), counting a view,
// replying to comments, and the dominant-colour placeholders behind pictures in grids.
// Everything works without it: the carousel scrolls (CSS scroll-snap), forms post.
(function () {
  "use strict";

  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // --- placeholders: each picture's dominant colour while it loads -----------------------
  // Set through the CSSOM (which the Content-Security-Policy allows), not style attributes.
  function paint(root) {
    if (!root || !root.querySelectorAll) return;
    var painted = root.matches && root.matches("[data-color]") ? [root] : [];
    painted = painted.concat(Array.prototype.slice.call(root.querySelectorAll("[data-color]")));
    painted.forEach(function (element) {
      var colour = element.getAttribute("data-color");
      if (/^#[0-9a-f]{6}$/i.test(colour)) element.style.backgroundColor = colour;
      element.removeAttribute("data-color");
    });
  }

  // --- the carousel --------------------------------------------------------------------
  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function carousel(root) {
    // Once per carousel: the note page starts them, and so does a note opened over a grid.
    if (root.hasAttribute("data-carousel-ready")) return;
    root.setAttribute("data-carousel-ready", "");
    var track = root.querySelector("[data-carousel-track]");
    var slides = track.children;
    var count = slides.length;
    var prev = root.querySelector("[data-carousel-prev]");
    var next = root.querySelector("[data-carousel-next]");
    var counter = root.querySelector("[data-carousel-counter]");
    var dots = root.querySelectorAll("[data-carousel-dot]");
    var index = 0;
    var frame = 0;

    function update(position) {
      index = position;
      if (counter) counter.textContent = index + 1 + "/" + count;
      Array.prototype.forEach.call(dots, function (dot, i) {
        if (i === index) dot.setAttribute("aria-current", "true");
        else dot.removeAttribute("aria-current");
      });
      Array.prototype.forEach.call(slides, function (slide, i) {
        slide.classList.toggle("is-current", i === index);
      });
      if (prev) prev.disabled = index === 0;
      if (next) next.disabled = index === count - 1;
    }

    function show(position) {
      var target = Math.max(0, Math.min(count - 1, position));
      track.scrollTo({
        left: target * track.clientWidth,
        behavior: reducedMotion.matches ? "auto" : "smooth",
      });
      update(target);
    }

    // Swipes and scrolls (touch, trackpad) end on a slide thanks to scroll-snap.
    track.addEventListener(
      "scroll",
      function () {
        if (frame) return;
        frame = window.requestAnimationFrame(function () {
          frame = 0;
          var position = Math.round(Math.abs(track.scrollLeft) / Math.max(track.clientWidth, 1));
          if (position !== index && position < count) update(position);
        });
      },
      { passive: true }
    );
    if (prev) prev.addEventListener("click", function () { show(index - 1); });
    if (next) next.addEventListener("click", function () { show(index + 1); });
    Array.prototype.forEach.call(dots, function (dot) {
      dot.addEventListener("click", function () {
        show(Number(dot.getAttribute("data-carousel-dot")));
      });
    });

    function onKey(event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowLeft") show(index - 1);
      else if (event.key === "ArrowRight") show(index + 1);
      else return;
      event.preventDefault();
    }
    root.addEventListener("keydown", onKey);
    // On the note page the arrow keys turn the photos wherever the focus is, unless typing.
    document.addEventListener("keydown", function (event) {
      // A note shown over a grid goes when it is closed; its listeners stay behind, idle.
      if (!root.isConnected || root.contains(event.target) || isTyping(event.target)) return;
      if (event.target.closest && event.target.closest("[role=group], details")) return;
      onKey(event);
    });
    window.addEventListener("resize", function () {
      if (root.isConnected) track.scrollTo({ left: index * track.clientWidth, behavior: "auto" });
    });
    update(0);
  }

  // --- counting a view, once the note is shown -----------------------------------------
  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (error) {
      return "";
    }
  }

  function countView(page) {
    if (page.hasAttribute("data-view-counted")) return;
    page.setAttribute("data-view-counted", "");
    var url = page.getAttribute("data-view-url");
    if (!url || document.visibilityState === "prerender") return;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "X-CSRF-Token": csrfToken() },
    }).catch(function () {
      /* a view that was not counted is not worth bothering anyone about */
    });
  }

  // --- comments: reply to someone, send with Enter, start afresh after sending ----------
  function commentForm() {
    return document.querySelector("[data-comment-form]");
  }

  function clearReply(form) {
    form.querySelector("[data-reply-field]").value = "";
    form.querySelector("[data-replying]").hidden = true;
  }

  function replyTo(form, link) {
    var label = form.querySelector("[data-reply-label]");
    form.querySelector("[data-reply-field]").value = link.getAttribute("data-reply-to");
    label.textContent = label.getAttribute("data-template").split("{name}").join(link.getAttribute("data-reply-name"));
    form.querySelector("[data-replying]").hidden = false;
    form.querySelector("textarea").focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target : null;
    if (!target) return;
    var form = commentForm();
    var link = target.closest("[data-reply-to]");
    if (link && form) {
      event.preventDefault();
      var menu = link.closest("details");
      if (menu) menu.open = false;
      replyTo(form, link);
      return;
    }
    if (target.closest("[data-reply-cancel]") && form) {
      event.preventDefault();
      clearReply(form);
      form.querySelector("textarea").focus();
      return;
    }
    var close = target.closest("[data-picker-close]");
    var picker = close && close.closest("[data-collect-picker]");
    if (picker) {
      event.preventDefault();
      picker.textContent = "";
      return;
    }
    // One menu open at a time; a click elsewhere closes it.
    Array.prototype.forEach.call(document.querySelectorAll("details.menu[open]"), function (open) {
      if (!open.contains(target)) open.open = false;
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      Array.prototype.forEach.call(document.querySelectorAll("[data-collect-picker]"), function (picker) {
        picker.textContent = "";
      });
      Array.prototype.forEach.call(document.querySelectorAll("details.menu[open], details.confirm[open]"), function (open) {
        open.open = false;
      });
      return;
    }
    var form = event.target.closest && event.target.closest("[data-comment-form]");
    // Enter sends; Shift+Enter is a new line. Not while an input method is composing
    // (Chinese and Japanese are typed through one, and Enter picks the characters).
    if (form && event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      if (form.querySelector("textarea").value.trim()) form.requestSubmit();
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("[data-comment-form]")) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    var textarea = form.querySelector("textarea");
    if (status >= 200 && status < 300) {
      textarea.value = "";
      textarea.removeAttribute("aria-invalid");
      form.querySelector("#comment-form-error").textContent = "";
      clearReply(form);
    } else if (status >= 400) {
      textarea.setAttribute("aria-invalid", "true");
      textarea.setAttribute("aria-describedby", "comment-form-error");
    }
  });

  // Notes loaded into the page (opened over a grid by grid.js) start like the page does.
  function startNotes(root) {
    if (!root.querySelectorAll) return;
    Array.prototype.forEach.call(root.querySelectorAll("[data-carousel]"), carousel);
    var pages = root.matches("[data-note-page]") ? [root] : root.querySelectorAll("[data-note-page]");
    Array.prototype.forEach.call(pages, countView);
  }

  document.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    paint(element);
    startNotes(element);
    if (element.matches && element.matches("[data-new-comment]")) {
      element.removeAttribute("data-new-comment");
      element.classList.add("is-new");
      element.scrollIntoView({ block: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
    }
  });

  function start() {
    paint(document.body);
    startNotes(document.body);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
