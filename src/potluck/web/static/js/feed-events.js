// Explore's impressions and clicks: which cards were seen (half visible for a second)
// and which were opened, sent in batches to POST /api/v1/feed/events so the ranking
// learns from them. A batch leaves when it has 20 events, every 10 seconds, and when the
// page is hidden (navigator.sendBeacon, which survives the page going away).
// Feeds opt in with data-feed="explore" and data-feed-session on the grid's container.
(function () {
  "use strict";

  var ENDPOINT = "/api/v1/feed/events";
  var BATCH = 20;
  var MAX_BATCH = 100;
  var queue = [];
  var logged = {}; // "kind:note" already queued this page view
  var timers = new WeakMap();

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRF-Token"]) return headers["X-CSRF-Token"];
    } catch (error) {
      /* fall through to the cookie */
    }
    var match = document.cookie.match(/(?:^|;\s*)potluck_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function noteIdOf(card) {
    var id = card.getAttribute("data-note-id");
    if (id) return id;
    var link = card.querySelector("a[href^='/notes/']");
    var match = link && link.getAttribute("href").match(/^\/notes\/(\d{1,19})/);
    return match ? match[1] : null;
  }

  function log(card, kind) {
    var feed = card.closest("[data-feed='explore']");
    var noteId = noteIdOf(card);
    if (!feed || !noteId || logged[kind + ":" + noteId]) return;
    logged[kind + ":" + noteId] = true;
    queue.push({ note_id: noteId, kind: kind, feed_session: feed.getAttribute("data-feed-session") || "" });
    if (queue.length >= BATCH) send(false);
  }

  function send(leaving) {
    if (!queue.length) return;
    var events = queue.splice(0, MAX_BATCH);
    if (leaving && navigator.sendBeacon) {
      // A beacon cannot carry headers: the CSRF token travels as a form field.
      var form = new URLSearchParams();
      form.set("csrf_token", csrfToken());
      form.set("events", JSON.stringify(events));
      navigator.sendBeacon(ENDPOINT, form);
    } else {
      fetch(ENDPOINT, {
        method: "POST",
        credentials: "same-origin",
        keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
        body: JSON.stringify({ events: events }),
      }).catch(function () {
        /* impressions are best effort */
      });
    }
    if (queue.length) send(leaving);
  }

  var observer =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              var card = entry.target;
              if (entry.isIntersecting) {
                timers.set(
                  card,
                  setTimeout(function () {
                    log(card, "impression");
                    observer.unobserve(card);
                  }, 1000)
                );
              } else if (timers.has(card)) {
                clearTimeout(timers.get(card));
                timers.delete(card);
              }
            });
          },
          { threshold: 0.5 }
        )
      : null;

  function watch(root) {
    if (!observer || !root || !root.querySelectorAll) return;
    root.querySelectorAll("[data-feed='explore'] .note-card").forEach(function (card) {
      if (!card.hasAttribute("data-feed-watched")) {
        card.setAttribute("data-feed-watched", "");
        observer.observe(card);
      }
    });
  }

  document.addEventListener("click", function (event) {
    var card = event.target.closest && event.target.closest("[data-feed='explore'] .note-card");
    if (card && event.target.closest("a")) {
      log(card, "click");
      send(true); // the page is about to change
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send(true);
  });
  window.addEventListener("pagehide", function () {
    send(true);
  });
  document.addEventListener("htmx:afterSwap", function () {
    watch(document);
  });
  setInterval(function () {
    send(false);
  }, 10000);
  watch(document);
})();
