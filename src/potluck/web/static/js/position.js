// "Use my location" on the compose form: asks the browser where we are and fills the
// hidden latitude/longitude fields, rounded here already to 0.01 degree (the server
// rounds again and keeps nothing finer). Unticking "Show in Nearby" takes the position off
// again; the server ignores the fields unless the box is ticked, so that works without
// JavaScript too. Messages come from the page (data-msg-*), in the reader's language.
(function () {
  "use strict";

  var box = document.querySelector("[data-position]");
  if (!box || !("geolocation" in navigator)) return;

  var lat = box.querySelector("[data-position-lat]");
  var lon = box.querySelector("[data-position-lon]");
  var keep = box.querySelector("[data-position-keep]");
  var check = box.querySelector("[data-position-check]");
  var use = box.querySelector("[data-position-use]");
  var status = box.querySelector("[data-position-status]");

  function show(placed) {
    keep.hidden = !placed;
    check.checked = placed;
    use.hidden = placed;
    status.textContent = placed ? box.dataset.msgPlaced : "";
  }

  function round(value) {
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  use.hidden = Boolean(lat.value);
  use.addEventListener("click", function () {
    use.disabled = true;
    status.textContent = box.dataset.msgLocating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        use.disabled = false;
        lat.value = round(position.coords.latitude);
        lon.value = round(position.coords.longitude);
        show(true);
      },
      function (error) {
        use.disabled = false;
        status.textContent = error.code === 1 ? box.dataset.msgDenied : box.dataset.msgFailed;
      },
      { enableHighAccuracy: false, maximumAge: 600000, timeout: 15000 }
    );
  });

  check.addEventListener("change", function () {
    if (!check.checked) {
      lat.value = "";
      lon.value = "";
      show(false);
    }
  });
})();
