/* Organisation picker of the request forms (ngo_directory/picker.py): the "name or KRS" text field
   becomes an ARIA 1.2 combobox with a listbox of suggestions from /api/cop/v1/organizacje/podpowiedzi/.
   Choosing a suggestion fills the hidden organisation id; the server checks it again. Without this
   script the field stays a plain text input and the server finds the organisation by the typed text. */
(function () {
  "use strict";
  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function organisations(count) {
    var tens = count % 100;
    var units = count % 10;
    if (count === 1) { return "organizacja"; }
    if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) { return "organizacje"; }
    return "organizacji";
  }

  function setup(wrapper) {
    var input = wrapper.querySelector("input:not([type=hidden])");
    var hidden = wrapper.querySelector("[data-org-picker-id]");
    var url = wrapper.getAttribute("data-suggest-url");
    if (!input || !hidden || !url || !window.fetch) { return; }

    var listId = input.id + "-listbox";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "org-picker__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Organizacje pasujące do wpisanego tekstu");
    list.hidden = true;

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var instructions = document.createElement("p");
    instructions.id = input.id + "-instructions";
    instructions.className = "visually-hidden";
    instructions.textContent = "Po wpisaniu co najmniej " + MIN_LENGTH + " znaków pojawią się podpowiedzi: " +
      "wybierz organizację strzałkami w dół i w górę i zatwierdź klawiszem Enter; Escape zamyka listę.";

    wrapper.appendChild(list);
    wrapper.appendChild(status);
    wrapper.appendChild(instructions);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + instructions.id);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function announce(text) {
      status.textContent = text;
    }

    function setActive(index) {
      active = index;
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      input.value = item.title;
      hidden.value = String(item.id);
      close();
      announce("Wybrano: " + item.title + " (" + item.details + ").");
    }

    function option(item, index) {
      var li = document.createElement("li");
      li.id = listId + "-" + index;
      li.className = "org-picker__option";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "org-picker__name";
      name.textContent = item.title;
      var details = document.createElement("span");
      details.className = "org-picker__details";
      details.textContent = item.details;
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(details);
      // Keep the focus in the input: a click chooses without blurring it first.
      li.addEventListener("mousedown", function (event) { event.preventDefault(); });
      li.addEventListener("click", function () { choose(index); });
      return li;
    }

    function show(data) {
      items = data.items || [];
      list.textContent = "";
      items.forEach(function (item, index) { list.appendChild(option(item, index)); });
      if (!items.length) {
        close();
        announce("Brak pasujących organizacji w bazie. Sprawdź pisownię albo wpisz numer KRS.");
        return;
      }
      open();
      setActive(-1);
      var count = items.length;
      var noun = organisations(count);
      announce((data.more ? "Ponad " : "") + count + " " + noun + (noun === "organizacje" ? " pasują." : " pasuje.") +
        (data.more ? " Wpisz więcej liter, aby zawęzić listę." : "") +
        " Wybierz strzałkami w dół i w górę, zatwierdź klawiszem Enter.");
    }

    function search() {
      var query = input.value.trim();
      if (controller) { controller.abort(); controller = null; }
      if (query.length < MIN_LENGTH) {
        items = [];
        list.textContent = "";
        close();
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      window.fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (data) {
        if (input.value.trim() === query) { show(data); }
      }).catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        close();
        announce("Podpowiedzi są chwilowo niedostępne. Wpisz pełną nazwę lub numer KRS – sprawdzimy je po wysłaniu formularza.");
      });
    }

    input.addEventListener("input", function () {
      // A new text means a new choice: the server will look for what is typed now.
      hidden.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) { return; }
        event.preventDefault();
        if (list.hidden) { open(); }
        var last = items.length - 1;
        if (event.key === "ArrowDown") {
          setActive(active < last ? active + 1 : 0);
        } else {
          setActive(active > 0 ? active - 1 : last);
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  var pickers = document.querySelectorAll("[data-org-picker]");
  for (var i = 0; i < pickers.length; i++) { setup(pickers[i]); }
})();
