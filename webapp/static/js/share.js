// Sharing a page (templates/macros/share.html): the phone's share sheet where the browser has
// the Web Share API, else a button that copies the link. Without either, the plain link and
// the e-mail link stay, as they are without JavaScript.
(function () {
  "use strict";

  function say(block, message) {
    var status = block.querySelector("[data-share-status]");
    // Emptied first, so that the same message is announced again on a second press.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copy(block) {
    navigator.clipboard.writeText(block.dataset.shareUrl).then(
      function () { say(block, block.dataset.shareCopied); },
      function () { say(block, block.dataset.shareFailed); }
    );
  }

  function bind(root) {
    root.querySelectorAll("[data-share]").forEach(function (block) {
      if (block.dataset.shareBound) return;
      block.dataset.shareBound = "1";
      var data = {title: block.dataset.shareTitle, text: block.dataset.shareText,
                  url: block.dataset.shareUrl};
      var native = block.querySelector("[data-share-native]");
      var copier = block.querySelector("[data-share-copy]");
      if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
        native.hidden = false;
        native.addEventListener("click", function () {
          navigator.share(data).catch(function (error) {
            // Closing the share sheet is a choice, not a failure.
            if (error.name !== "AbortError" && navigator.clipboard) copy(block);
          });
        });
      } else if (navigator.clipboard && window.isSecureContext) {
        copier.hidden = false;
        copier.addEventListener("click", function () { copy(block); });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:load", function (event) { bind(event.target); });
})();
