// The person chooser (people.forms.ChooserSelect): a search beside a select
// that holds only the empty choice and the chosen person. Picking a result
// puts it in the select, and the form sends it as before. Without this script
// the search stays hidden and the select still works.
(function () {
  "use strict";
  if (!window.fetch) return;

  function setUp(box) {
    var select = document.getElementById(box.dataset.select);
    var input = box.querySelector("input");
    var list = box.querySelector("ul");
    var status = box.querySelector("[role=status]");
    if (!select || !input || !list) return;
    var timer = null;
    var asked = 0;  // the latest search: older answers arriving late are dropped

    function say(text) { status.textContent = text; }

    function clear() {
      list.replaceChildren();
      list.hidden = true;
    }

    function choose(id, label) {
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === id;
      });
      if (!option) {
        option = new Option(label, id);
        select.add(option);
      }
      select.value = id;
      input.value = "";
      clear();
      say("");
      select.focus();
    }

    function show(people) {
      clear();
      people.forEach(function (person) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chooser__option";
        button.textContent = person.label;
        button.addEventListener("click", function () {
          choose(String(person.id), person.label);
        });
        var item = document.createElement("li");
        item.appendChild(button);
        list.appendChild(item);
      });
      list.hidden = people.length === 0;
      say(people.length ? box.dataset.textFound.replace("{n}", people.length)
                        : box.dataset.textNone);
    }

    function search() {
      var q = input.value.trim();
      var mine = ++asked;
      if (!q) { clear(); say(""); return; }
      fetch(box.dataset.chooser + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (people) {
        if (mine === asked) show(people);
      }).catch(function () {
        if (mine === asked) { clear(); say(box.dataset.textFailed); }
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    // Arrows move between the input and the results; Escape closes them.
    box.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(list.querySelectorAll("button"));
      var at = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && buttons.length) {
        buttons[Math.min(at + 1, buttons.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : buttons[at - 1]).focus();
      } else if (event.key === "Escape" && !list.hidden) {
        clear();
        input.focus();
      } else {
        return;
      }
      event.preventDefault();
    });
    box.hidden = false;
  }

  document.querySelectorAll("[data-chooser]").forEach(function (box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    setUp(box);
  });
})();
