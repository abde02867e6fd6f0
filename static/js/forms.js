// Conditional reveals (GOV.UK's pattern): a question that only matters after an answer to another one ("the
// partner's birth date" once "yes, a partner") is hidden until that answer is chosen. Without JavaScript every
// question shows and the server ignores what does not apply.
(function () {
  "use strict";

  // The values chosen for a question: its ticked radio or boxes, or its drop-down's value.
  function chosen(form, name) {
    var picked = Array.prototype.map.call(
      form.querySelectorAll('[name="' + name + '"]:checked'), function (input) { return input.value; });
    var field = form.querySelector('select[name="' + name + '"]');
    if (field) picked.push(field.value);
    return picked;
  }

  function update(form) {
    form.querySelectorAll("[data-reveal-when]").forEach(function (block) {
      // data-reveal-value may name several answers, separated by spaces (any of them reveals the question).
      var wanted = block.getAttribute("data-reveal-value").split(" ");
      var shown = chosen(form, block.getAttribute("data-reveal-when")).some(function (value) {
        return wanted.indexOf(value) !== -1;
      });
      block.hidden = !shown && !block.querySelector("[aria-invalid=true]");
    });
  }

  function start(root) {
    root.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-reveal-when]") || form.dataset.reveals) return;
      form.dataset.reveals = "1";
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (event) { start(event.target); });
})();

// The case page's stage change opens in a dialog. Without JavaScript the link reloads the page with that dialog
// rendered open in place (?change=<id>); with it, the dialog opens as a modal and "cancel" closes it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-opens-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-opens-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        if (dialog.open) dialog.close();
        dialog.showModal();
        var first = dialog.querySelector("input, select, textarea");
        if (first) first.focus();
      }
      return;
    }
    var closer = event.target.closest("[data-closes-dialog]");
    if (closer) {
      var open = closer.closest("dialog");
      if (open && open.open && typeof open.close === "function") {
        event.preventDefault();
        open.close();
      }
    }
  });
})();
