// Composing a note (/notes/new, /notes/{id}/edit). Photos are uploaded the moment they
// are picked, each on its own tile (preview, progress, processing, or the reason it was
// refused), while the rest of the form is filled in. The form itself is a plain POST with
// the media IDs as hidden fields in tile order, so a refused form comes back from the
// server with every tile in place. Every message shown here comes from the page (data-msg-*
// attributes), in the reader's language.
(function () {
  "use strict";

  var form = document.querySelector("[data-compose]");
  if (!form) return;

  var list = form.querySelector("#media-tiles");
  var addTile = list.querySelector("[data-media-add]");
  var input = form.querySelector("#media-file");
  var template = document.getElementById("media-tile-template");
  var notice = form.querySelector("[data-media-notice]");
  var countLabel = form.querySelector("[data-media-count]");
  var max = Number(form.dataset.max) || 18;
  var maxBytes = Number(form.dataset.maxBytes) || Infinity;
  var uploadUrl = form.dataset.uploadUrl;
  var PARALLEL_UPLOADS = 3;
  var queue = [];
  var active = 0;

  // A message from the page, with {name} placeholders filled in.
  function msg(name, values) {
    var text = form.dataset["msg" + name] || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  }

  function say(text) {
    notice.textContent = "";
    // Set on the next frame so screen readers announce a repeated message too.
    window.requestAnimationFrame(function () {
      notice.textContent = text;
    });
  }

  // The double-submit token htmx sends (<body hx-headers>), else the cookie it mirrors.
  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRF-Token"]) return headers["X-CSRF-Token"];
    } catch (error) {
      /* fall back to the cookie */
    }
    var match = document.cookie.match(/(?:^|;\s*)potluck_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function tiles() {
    return Array.prototype.slice.call(list.querySelectorAll(".media-tile"));
  }

  // Labels, arrows and the counter follow the order of the tiles.
  function refresh() {
    var all = tiles();
    all.forEach(function (tile, index) {
      tile.querySelector("[data-tile-tools]").setAttribute(
        "aria-label",
        msg("Position", { position: index + 1, total: all.length })
      );
      tile.querySelector('[data-move="-1"]').disabled = index === 0;
      tile.querySelector('[data-move="1"]').disabled = index === all.length - 1;
    });
    countLabel.textContent = all.length + "/" + max;
    addTile.hidden = all.length >= max;
    input.disabled = all.length >= max;
    if (addTile.nextElementSibling) list.appendChild(addTile);
  }

  function setState(tile, status, text) {
    tile.classList.remove("is-uploading", "is-processing", "is-ready", "is-failed");
    tile.classList.add("is-" + status);
    tile.dataset.status = status;
    tile.querySelector("[data-tile-state]").textContent = text || "";
    if (status !== "uploading") tile.querySelector(".media-tile__progress").hidden = true;
  }

  function setMediaId(tile, mediaId) {
    tile.dataset.mediaId = mediaId;
    var field = tile.querySelector('input[name="media_ids"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "media_ids";
      tile.appendChild(field);
    }
    field.value = mediaId;
  }

  function fail(tile, message) {
    setState(tile, "failed", "");
    tile.querySelector("[data-tile-error]").textContent = message || msg("Failed");
    // A refused upload is not part of the note; its tile stays to say why until removed.
    var field = tile.querySelector('input[name="media_ids"]');
    if (field) field.remove();
  }

  function showPicture(tile, variant) {
    var picture = new Image();
    picture.onload = function () {
      var shown = tile.querySelector(".media-tile__image");
      var image = document.createElement("img");
      image.className = "media-tile__image";
      image.alt = "";
      image.width = variant.width;
      image.height = variant.height;
      image.src = variant.url;
      shown.replaceWith(image);
      forgetPreview(tile);
    };
    picture.src = variant.url;
  }

  function ready(tile, media) {
    setState(tile, "ready", "");
    var variant = media.variants && media.variants.grid;
    if (variant) showPicture(tile, variant);
  }

  function accepted(tile, media) {
    setMediaId(tile, media.id);
    if (media.status === "ready") ready(tile, media);
    else if (media.status === "failed") fail(tile, media.failure && media.failure.message);
    else {
      setState(tile, "processing", msg("Processing"));
      poll(tile, media.id);
    }
  }

  function sleep(ms) {
    return new Promise(function (resolve) {
      window.setTimeout(resolve, ms);
    });
  }

  // Processing runs in a job: ask until the upload is ready or failed (or its tile is gone).
  async function poll(tile, mediaId) {
    var delay = 600;
    while (tile.isConnected) {
      await sleep(delay);
      delay = Math.min(delay * 1.5, 4000);
      var response;
      try {
        response = await fetch("/api/v1/media/" + mediaId, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      } catch (error) {
        continue; // offline for a moment: keep asking
      }
      if (response.status === 404) {
        fail(tile, msg("Failed"));
        return;
      }
      if (!response.ok) continue;
      var media = await response.json();
      if (media.status === "ready") return ready(tile, media);
      if (media.status === "failed") return fail(tile, media.failure && media.failure.message);
    }
  }

  function errorMessage(body) {
    try {
      var data = JSON.parse(body);
      if (data && data.error && data.error.message) return data.error.message;
    } catch (error) {
      /* not JSON: a proxy's page, say */
    }
    return msg("Failed");
  }

  // XMLHttpRequest rather than fetch: it reports upload progress.
  function upload(tile, file) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      var progress = tile.querySelector(".media-tile__progress");
      var body = new FormData();
      body.append("file", file, file.name);
      tile.upload = request;
      request.open("POST", uploadUrl);
      request.setRequestHeader("X-CSRF-Token", csrfToken());
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (!event.lengthComputable) return;
        progress.hidden = false;
        progress.value = Math.round((100 * event.loaded) / event.total);
      });
      request.addEventListener("load", function () {
        tile.upload = null;
        if (request.status === 201 || request.status === 200) {
          accepted(tile, JSON.parse(request.responseText));
        } else {
          fail(tile, errorMessage(request.responseText));
        }
        resolve();
      });
      request.addEventListener("error", function () {
        tile.upload = null;
        fail(tile, msg("Offline"));
        resolve();
      });
      request.addEventListener("abort", resolve);
      setState(tile, "uploading", msg("Uploading"));
      request.send(body);
    });
  }

  function pump() {
    while (active < PARALLEL_UPLOADS && queue.length) {
      var next = queue.shift();
      if (!next[0].isConnected) continue;
      active += 1;
      upload(next[0], next[1]).then(function () {
        active -= 1;
        pump();
      });
    }
  }

  function forgetPreview(tile) {
    if (tile.previewUrl) {
      URL.revokeObjectURL(tile.previewUrl);
      tile.previewUrl = null;
    }
  }

  function newTile(file) {
    var tile = template.content.firstElementChild.cloneNode(true);
    var image = tile.querySelector(".media-tile__image");
    tile.previewUrl = URL.createObjectURL(file);
    if (file.type.indexOf("video/") === 0) {
      var video = document.createElement("video");
      video.className = "media-tile__image";
      video.muted = true;
      video.playsInline = true;
      video.preload = "metadata";
      video.src = tile.previewUrl;
      image.replaceWith(video);
    } else {
      // Browsers that cannot show the file (HEIC on most) get the server's picture later.
      image.addEventListener("error", function () {
        image.hidden = true;
      });
      image.src = tile.previewUrl;
      image.hidden = false;
    }
    setState(tile, "uploading", msg("Uploading"));
    list.insertBefore(tile, addTile);
    return tile;
  }

  function addFiles(files) {
    var room = max - tiles().length;
    files.slice(0, Math.max(room, 0)).forEach(function (file) {
      var tile = newTile(file);
      if (file.size > maxBytes) {
        fail(tile, msg("TooLarge"));
      } else {
        queue.push([tile, file]);
      }
    });
    if (files.length > room) say(msg("TooMany"));
    refresh();
    pump();
  }

  input.addEventListener("change", function () {
    var files = Array.prototype.slice.call(input.files || []);
    input.value = "";
    if (files.length) addFiles(files);
  });

  function focusTool(tile, selector) {
    var button = tile.querySelector(selector);
    if (button && !button.disabled) return button.focus();
    var other = tile.querySelector("[data-move]:not([disabled])") || tile.querySelector("[data-remove]");
    if (other) other.focus();
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !list.contains(button)) return;
    var tile = button.closest(".media-tile");
    if (!tile) return;
    if (button.hasAttribute("data-remove")) {
      var after = tile.nextElementSibling !== addTile ? tile.nextElementSibling : tile.previousElementSibling;
      if (tile.upload) tile.upload.abort();
      forgetPreview(tile);
      tile.remove();
      refresh();
      say(msg("Removed"));
      if (after && after.classList.contains("media-tile")) focusTool(after, "[data-remove]");
      else input.focus();
      return;
    }
    var step = Number(button.dataset.move);
    if (step === -1 && tile.previousElementSibling) {
      list.insertBefore(tile, tile.previousElementSibling);
    } else if (step === 1 && tile.nextElementSibling && tile.nextElementSibling !== addTile) {
      list.insertBefore(tile.nextElementSibling, tile);
    } else {
      return;
    }
    refresh();
    focusTool(tile, '[data-move="' + step + '"]');
    var all = tiles();
    say(msg("Moved", { position: all.indexOf(tile) + 1, total: all.length }));
  });

  if (window.Sortable) {
    window.Sortable.create(list, {
      draggable: ".media-tile",
      filter: "button",
      preventOnFilter: false,
      animation: 150,
      ghostClass: "is-ghost",
      chosenClass: "is-chosen",
      onEnd: refresh,
    });
  }

  // Counters under the title and the text, counted as the server counts (characters).
  Array.prototype.forEach.call(form.querySelectorAll("[data-counted]"), function (field) {
    var counter = form.querySelector('[data-counter-for="' + field.id + '"]');
    var limit = Number(field.dataset.counted);
    function update() {
      var count = Array.from(field.value).length;
      counter.textContent = count + "/" + limit;
      counter.classList.toggle("is-over", count > limit);
    }
    field.addEventListener("input", update);
    update();
  });

  form.addEventListener("submit", function (event) {
    var busy = tiles().some(function (tile) {
      return tile.dataset.status === "uploading";
    });
    if (busy) {
      event.preventDefault();
      say(msg("Wait"));
    }
  });

  // Tiles the server drew (a refused form, an edit) that are still being processed.
  tiles().forEach(function (tile) {
    if (tile.dataset.status === "processing") poll(tile, tile.dataset.mediaId);
  });
  refresh();
})();
