// The Nearby tab (templates/notes/_nearby_panel.html): asks the browser where we are, rounds
// it to 0.01 degree (about 1 km; the server rounds again), and loads the nearest notes into
// the panel with htmx. The rounded position is kept for this tab only (sessionStorage) so
// coming back does not ask again.
(function () {
  "use strict";

  var panel = document.querySelector("[data-nearby]");
  if (!panel || !("geolocation" in navigator) || !window.htmx) return;

  var button = panel.querySelector("[data-nearby-locate]");
  var status = panel.querySelector("[data-nearby-status]");
  var cards = panel.querySelector("[data-nearby-cards]");
  var KEY = "potluck.nearby";

  function round(value) {
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  function load(lat, lon) {
    status.textContent = "";
    button.hidden = true;
    var url = panel.dataset.cardsUrl + "?lat=" + lat + "&lon=" + lon;
    window.htmx.ajax("GET", url, { target: cards, swap: "innerHTML" });
  }

  function locate() {
    button.disabled = true;
    status.textContent = panel.dataset.msgLocating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        button.disabled = false;
        var lat = round(position.coords.latitude);
        var lon = round(position.coords.longitude);
        try {
          window.sessionStorage.setItem(KEY, lat + "," + lon);
        } catch (error) {
          /* private mode: ask again next time */
        }
        load(lat, lon);
      },
      function (error) {
        button.disabled = false;
        status.textContent = error.code === 1 ? panel.dataset.msgDenied : panel.dataset.msgFailed;
      },
      { enableHighAccuracy: false, maximumAge: 600000, timeout: 15000 }
    );
  }

  button.hidden = false;
  button.addEventListener("click", locate);
  var known = null;
  try {
    known = window.sessionStorage.getItem(KEY);
  } catch (error) {
    known = null;
  }
  if (known && /^-?\d+\.\d{2},-?\d+\.\d{2}$/.test(known)) {
    var parts = known.split(",");
    load(parts[0], parts[1]);
  }
})();
