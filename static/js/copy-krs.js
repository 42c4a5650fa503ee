/* "Kopiuj numer KRS": shown only when the browser can copy; the KRS stays plain, selectable text. */
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  function announce(text) {
    if (status) {
      status.textContent = text;
    }
  }
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var krs = target.textContent.trim();
      var done = function () {
        button.setAttribute("data-copied", "true");
        announce("Skopiowano numer KRS " + krs + ".");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(krs).then(done, function () {
          selectText(target);
          announce("Numer KRS jest zaznaczony: skopiuj go skrótem Ctrl+C.");
        });
      } else {
        selectText(target);
        try {
          if (document.execCommand("copy")) {
            done();
            return;
          }
        } catch (error) {
          /* fall through to the manual hint */
        }
        announce("Numer KRS jest zaznaczony: skopiuj go skrótem Ctrl+C.");
      }
    });
  });
})();
