// "Autour de moi": the form that shares the device's position is shown only when JavaScript can
// ask for it. The browser asks the person's permission on the button press, never before; the
// coordinates are then posted like any form, and the server keeps them for the visit only.
(function () {
  if (window.passCultureGeolocate) return;
  window.passCultureGeolocate = true;

  function say(form, message) {
    var status = form.querySelector("[data-geolocate-status]");
    if (status) status.textContent = message || "";
  }

  function bind(form) {
    if (form.dataset.geolocateBound || !("geolocation" in navigator)) return;
    form.dataset.geolocateBound = "1";
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopImmediatePropagation();
      var button = form.querySelector("button");
      button.disabled = true;
      say(form, form.dataset.geolocateWaiting);
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(5);
        form.elements.longitude.value = position.coords.longitude.toFixed(5);
        HTMLFormElement.prototype.submit.call(form);
      }, function (error) {
        button.disabled = false;
        say(form, error.code === error.PERMISSION_DENIED
          ? form.dataset.geolocateDenied : form.dataset.geolocateFailed);
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    }, true);
  }

  function bindAll(root) {
    (root || document).querySelectorAll("form[data-geolocate]").forEach(bind);
  }

  document.addEventListener("htmx:load", function (event) { bindAll(event.detail.elt); });
  bindAll(document);
})();
