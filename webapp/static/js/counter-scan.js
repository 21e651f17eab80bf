// The ticket counter (templates/pro/counter.html). Two behaviours, both optional:
// - where the browser has a barcode reader (BarcodeDetector), a button reads the ticket's QR
//   code with the camera, types the token and sends the form; typing always works;
// - after htmx swaps the counter, focus goes to the result heading (or the field in error) and
//   the polite status line repeats what changed, for screen-reader users.
(function () {
  var counterSwapped = false;

  function stop(state) {
    if (state.stream) state.stream.getTracks().forEach(function (track) { track.stop(); });
    if (state.timer) clearInterval(state.timer);
    state.stream = state.timer = null;
    state.camera.hidden = true;
    state.button.textContent = state.startLabel;
  }

  function start(state) {
    var policy = document.permissionsPolicy || document.featurePolicy;
    if (policy && policy.allowsFeature && !policy.allowsFeature("camera")) {
      // Reached through a boosted link, the page still runs under the previous page's policy,
      // which forbids the camera: load it for real, then the button works.
      window.location.assign(state.form.action);
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        state.stream = stream;
        state.video.srcObject = stream;
        state.camera.hidden = false;
        state.button.textContent = state.button.dataset.stopLabel;
        return state.video.play();
      })
      .then(function () {
        state.timer = setInterval(function () {
          detector.detect(state.video).then(function (codes) {
            if (!codes.length || !state.stream) return;
            state.input.value = codes[0].rawValue.replace(/\s+/g, "").toUpperCase();
            stop(state);
            state.form.requestSubmit();
          }).catch(function () {});
        }, 300);
      })
      .catch(function () { stop(state); state.input.focus(); });
  }

  function bind(root) {
    var button = root.querySelector && root.querySelector("[data-counter-scan]");
    if (!button || button.dataset.bound || !("BarcodeDetector" in window)
        || !navigator.mediaDevices) return;
    var form = button.closest("[data-counter-form]");
    var state = {
      button: button, form: form, input: form.querySelector("input[name=token]"),
      camera: form.querySelector("[data-counter-camera]"), startLabel: button.textContent,
    };
    state.video = state.camera.querySelector("video");
    button.dataset.bound = "1";
    button.hidden = false;
    button.addEventListener("click", function () {
      if (state.stream) stop(state); else start(state);
    });
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    counterSwapped = !!(event.detail.target && event.detail.target.id === "counter");
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!counterSwapped) return;
    counterSwapped = false;
    var counter = document.getElementById("counter");
    var status = document.getElementById("counter-status");
    if (!counter) return;
    if (status) {
      status.textContent = Array.prototype.map.call(
        counter.querySelectorAll("[data-counter-announce], .field-error"),
        function (element) { return element.textContent.trim(); }
      ).join(" ");
    }
    var focus = counter.querySelector("[data-counter-focus]");
    if (focus) focus.focus();
  });

  document.addEventListener("htmx:load", function (event) { bind(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
