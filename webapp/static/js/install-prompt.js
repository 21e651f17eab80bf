// Offers to install the app at a sensible moment: the page marks the spot with a hidden
// data-install-offer block (the ticket after a booking); it appears only when the browser says
// installation is possible, and never blocks anything.
(function () {
  var deferred = null;

  function reveal(root) {
    if (!deferred) return;
    (root || document).querySelectorAll("[data-install-offer]").forEach(function (offer) {
      offer.hidden = false;
      var button = offer.querySelector("button");
      if (!button || button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () {
        if (!deferred) return;
        deferred.prompt();
        deferred.userChoice.finally(function () {
          deferred = null;
          offer.hidden = true;
        });
      });
    });
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    deferred = event;
    reveal(document);
  });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  window.addEventListener("appinstalled", function () { deferred = null; });
})();
