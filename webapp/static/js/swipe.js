// The discovery deck, enhanced: arrow keys and touch swipes answer the card through its own
// buttons (left: "Pas pour moi", right: "J'aime"), and focus moves to the new card's title once
// htmx has swapped it in. Without this file, the buttons and forms do everything.
(function () {
  if (window.passCultureSwipe) return;
  window.passCultureSwipe = true;

  var THRESHOLD = 80;
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function answer(card, kind) {
    var button = card.querySelector(kind === "like" ? "[data-swipe-like]" : "[data-swipe-skip]");
    if (!button || card.dataset.answered) return;
    card.dataset.answered = "1";
    // A click, not requestSubmit(): htmx sends the pressed button's value only after a click.
    button.click();
  }

  function place(card, dx) {
    var turn = reduceMotion.matches ? "" : " rotate(" + (dx / 24).toFixed(1) + "deg)";
    card.style.transform = dx ? "translateX(" + Math.round(dx) + "px)" + turn : "";
    card.dataset.swipeDirection = dx > THRESHOLD ? "like" : dx < -THRESHOLD ? "skip" : "";
  }

  function bindCard(card) {
    if (card.dataset.swipeBound) return;
    card.dataset.swipeBound = "1";
    var pointer = null, startX = 0, startY = 0, dx = 0, horizontal = false;

    card.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" || event.target.closest("a, button")) return;
      pointer = event.pointerId;
      startX = event.clientX;
      startY = event.clientY;
      dx = 0;
      horizontal = false;
    });
    card.addEventListener("pointermove", function (event) {
      if (event.pointerId !== pointer) return;
      dx = event.clientX - startX;
      if (!horizontal && Math.abs(dx) > 10 && Math.abs(dx) > Math.abs(event.clientY - startY)) {
        horizontal = true;
        card.classList.add("is-dragging");
        card.setPointerCapture(pointer);
      }
      if (horizontal) place(card, dx);
    });
    function release(event, cancelled) {
      if (event.pointerId !== pointer) return;
      pointer = null;
      card.classList.remove("is-dragging");
      if (!cancelled && horizontal && Math.abs(dx) >= THRESHOLD) {
        if (!reduceMotion.matches) place(card, (dx > 0 ? 1 : -1) * window.innerWidth);
        answer(card, dx > 0 ? "like" : "skip");
      } else {
        place(card, 0);
      }
    }
    card.addEventListener("pointerup", function (event) { release(event, false); });
    card.addEventListener("pointercancel", function (event) { release(event, true); });
  }

  function bind(root) {
    root.querySelectorAll("[data-swipe-hint]").forEach(function (hint) { hint.hidden = false; });
    if (root.matches && root.matches("[data-swipe-card]")) bindCard(root);
    root.querySelectorAll("[data-swipe-card]").forEach(bindCard);
  }

  // Backspace brings the card answered last back, through its button, from the same places.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Backspace" || event.altKey || event.ctrlKey || event.metaKey) return;
    var deck = document.getElementById("deck-card");
    var undo = deck && deck.querySelector("[data-deck-undo]");
    var active = document.activeElement;
    if (!undo || (active && active !== document.body && !deck.contains(active))) return;
    event.preventDefault();
    undo.click();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var card = document.querySelector("[data-swipe-card]");
    var active = document.activeElement;
    // Only from the card itself (its title or buttons) or from nowhere in particular: arrows
    // keep their usual meaning in fields, menus and the rest of the page.
    if (!card || (active && active !== document.body && !card.contains(active))) return;
    event.preventDefault();
    answer(card, event.key === "ArrowRight" ? "like" : "skip");
  });

  // On the swap itself, not after the settle delay: a key pressed in between (Tab from the new
  // title) would otherwise have its move undone when the title took the focus back.
  document.addEventListener("htmx:afterSwap", function (event) {
    // The form that asked is in the request config.
    var config = event.detail.requestConfig;
    var source = config && config.elt;
    if (!source || !source.hasAttribute || !source.hasAttribute("data-swipe-answers")) return;
    var title = document.querySelector("[data-deck-title]");
    if (title) title.focus();
  });

  document.addEventListener("htmx:load", function (event) { bind(event.detail.elt); });
  bind(document);
})();
