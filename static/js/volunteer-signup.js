/* Volunteer sign-up: word the form for who signs, as soon as the date of birth is known.
   18+ sign themselves; 13–17 sign with the guardian's consent; under 13 the guardian signs.
   The server applies the same rules (and wording) whenever it shows the form again; the hidden field
   tells it which consent words were on the screen, and those are stored with the consent. */
(function () {
  "use strict";
  var hint = document.getElementById("signer-wording");
  var born = document.getElementById("id_date_of_birth");
  var consent = document.querySelector('label[for="id_consent"]');
  var wording = document.querySelector('input[name="consent_wording"]');
  if (!hint || !born || !consent || !wording) { return; }

  function ageOn(birth, today) {
    var age = today.getFullYear() - birth.getFullYear();
    var before = today.getMonth() < birth.getMonth() ||
      (today.getMonth() === birth.getMonth() && today.getDate() < birth.getDate());
    return before ? age - 1 : age;
  }

  function group() {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(born.value || "");
    if (!match) { return null; }
    var birth = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    var today = new Date();
    if (isNaN(birth.getTime()) || birth > today) { return null; }
    var age = ageOn(birth, today);
    if (age < 13) { return "child"; }
    return age < 18 ? "teen" : "adult";
  }

  function update() {
    var current = group();
    if (current) {
      hint.textContent = hint.getAttribute("data-" + current);
    }
    hint.hidden = !current;
    var text = consent.firstChild;
    if (text && text.nodeType === Node.TEXT_NODE) {
      text.textContent = wording.getAttribute("data-label-" + (current || "any")) + " ";
      wording.value = current || "any";
    }
  }

  born.addEventListener("change", update);
  born.addEventListener("input", update);
  update();
})();
