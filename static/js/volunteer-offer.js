/* Offer application: word the consent for who gives it, as soon as the age is typed
   (18+ themselves; 13–17 with the guardian's consent; under 13 the guardian). The hidden field tells
   the server which words were on the screen; it stores exactly those with the application. */
(function () {
  "use strict";
  var wording = document.querySelector('input[name="consent_wording"]');
  var age = document.getElementById("id_age");
  var consent = document.querySelector('label[for="id_consent"]');
  if (!wording || !age || !consent) { return; }

  function group() {
    var value = (age.value || "").trim();
    if (!/^\d{1,3}$/.test(value)) { return "any"; }
    var years = Number(value);
    if (years < 1 || years > 110) { return "any"; }
    if (years < 13) { return "child"; }
    return years < 18 ? "teen" : "adult";
  }

  function update() {
    var current = group();
    var text = consent.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) { return; }
    text.textContent = wording.getAttribute("data-label-" + current) + " ";
    wording.value = current;
  }

  age.addEventListener("change", update);
  age.addEventListener("input", update);
  update();
})();
