/* Survey forms: show a question only when its condition on an earlier answer is met.
   The server applies the same rule, so without this script every question is shown with a hint. */
(function () {
  "use strict";
  var form = document.querySelector("form.cop-form");
  if (!form) { return; }
  var dependants = Array.prototype.slice.call(form.querySelectorAll("[data-show-if]"));
  if (!dependants.length) { return; }

  function wrapperOf(element) {
    return element.closest(".form-section, fieldset.field, .field") || element;
  }

  function isAnswered(name, expected) {
    var wanted = (expected || "").trim().toLowerCase();
    var inputs = form.querySelectorAll('[name="' + name.replace(/"/g, "") + '"]');
    for (var i = 0; i < inputs.length; i += 1) {
      var input = inputs[i];
      if (wrapperOf(input).hidden) { return false; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { continue; }
      var label = input.labels && input.labels.length ? input.labels[0].textContent.trim().toLowerCase() : "";
      if (input.value.trim().toLowerCase() === wanted || label === wanted) { return true; }
    }
    return false;
  }

  function update() {
    var seen = [];
    dependants.forEach(function (element) {
      var wrapper = wrapperOf(element);
      if (seen.indexOf(wrapper) !== -1) { return; }
      seen.push(wrapper);
      wrapper.hidden = !isAnswered(element.getAttribute("data-show-if"), element.getAttribute("data-show-if-value"));
    });
  }

  form.addEventListener("change", update);
  update();
}());
