// The unread-notifications badge, kept live from the event stream (docs/realtime.md).
// Loaded only for signed-in people. As the stream's contract asks: subscribe, then load
// the state (on "hello"), then apply events; after any disconnect, do the same again.
(function () {
  "use strict";

  var COUNT_URL = "/api/v1/notifications/unread-count";
  var STREAM_PATH = "/api/v1/stream";
  var EVENT = "notifications.unread";
  var MAX_DELAY = 30000;
  var delay = 1000;

  function show(counts) {
    if (!counts || typeof counts.total !== "number") return;
    var text = counts.total > 99 ? "99+" : String(counts.total);
    var badges = document.querySelectorAll("[data-notification-badge]");
    for (var i = 0; i < badges.length; i++) {
      badges[i].textContent = text;
      badges[i].setAttribute("data-count", String(counts.total));
      badges[i].hidden = counts.total === 0;
    }
  }

  function load() {
    return fetch(COUNT_URL, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* offline: the next hello loads again */ });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    var socket = new WebSocket(scheme + "//" + window.location.host + STREAM_PATH);
    socket.addEventListener("message", function (message) {
      var frame;
      try { frame = JSON.parse(message.data); } catch (error) { return; }
      if (frame.type === "hello") {
        delay = 1000;
        load();
      } else if (frame.type === EVENT) {
        show(frame.data);
      }
    });
    socket.addEventListener("close", function (closed) {
      if (closed.code === 4401) return; // logged out: nothing more to show
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, MAX_DELAY);
    });
  }

  function start() {
    if (!document.querySelector("[data-notification-badge]")) return;
    if (typeof window.WebSocket === "function") connect();
    else load();
  }

  // A page swapped back in from the history cache shows old numbers: load them again.
  window.addEventListener("pageshow", function (event) { if (event.persisted) load(); });
  document.addEventListener("DOMContentLoaded", start);
})();
