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
      var values = chosen(form, block.getAttribute("data-reveal-when"));
      var shown = values.indexOf(block.getAttribute("data-reveal-value")) !== -1;
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
