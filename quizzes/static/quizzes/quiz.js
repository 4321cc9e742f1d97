// Autosave and countdown for the quiz page. The page works without it: every
// button posts the form, and the server saves and grades.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector(".quiz-status");
  var timer = null;
  var stopped = false;
  // Texts come translated from the page.
  var texts = {
    saving: form.dataset.textSaving || "",
    failed: form.dataset.textFailed || "",
    left: form.dataset.textLeft || ""
  };

  function say(text) { if (status) status.textContent = text; }

  function save() {
    if (stopped) return;
    var data = new FormData(form);
    data.delete("action");
    say(texts.saving);
    fetch(form.dataset.autosave, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (stopped) return;
        if (response.ok) { say(body.message); return; }
        say(body.error || texts.failed);
        // Closed or out of time: the next button press lets the server grade it.
        if (response.status === 409) { stopped = true; }
      });
    }).catch(function () { say(texts.failed); });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 600);
  }

  // "Answered x of y" and the navigator follow the answers on this page; the
  // other pages' answers were counted by the server.
  var count = form.querySelector(".quiz-nav__count");
  function answered(fieldset) {
    var fields = fieldset.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if ((f.type === "radio" || f.type === "checkbox") ? f.checked : f.value.trim()) return true;
    }
    return false;
  }
  function recount() {
    if (!count) return;
    var total = Number(count.dataset.answeredElsewhere || 0);
    form.querySelectorAll("fieldset[id^='domanda-']").forEach(function (fieldset) {
      var done = answered(fieldset);
      if (done) total += 1;
      var item = form.querySelector(".quiz-nav__item[data-position='" + fieldset.id.slice(8) + "']");
      if (item) item.classList.toggle("quiz-nav__item--answered", done);
    });
    var text = count.dataset.text;
    if (text && text.indexOf("%(answered)s") !== -1) {
      count.textContent = text.replace("%(answered)s", total);
    }
  }
  form.addEventListener("change", recount);
  form.addEventListener("input", recount);

  form.addEventListener("change", later);
  form.addEventListener("submit", function () {
    // The form carries every answer itself: no autosave may race it.
    stopped = true;
    window.clearTimeout(timer);
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") later();
  });

  // A reply in a branching scenario is final: it goes to the server at once
  // (with the other answers on the page) and the question comes back as it
  // now stands. Without this, the button posts the form and the page reloads.
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=scenario]");
    if (!button || stopped) return;
    event.preventDefault();
    var question = button.closest("fieldset");
    var data = new FormData(form);
    data.delete("action");
    data.append("scenario", button.value);
    question.querySelectorAll("button[name=scenario]").forEach(function (b) {
      b.disabled = true;
    });
    window.clearTimeout(timer);
    // Not form.action: the buttons named "action" shadow that property.
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (body.reload) { window.location.assign(body.reload); return; }
        if (body.html) {
          var holder = document.createElement("div");
          holder.innerHTML = body.html.trim();
          var fresh = holder.querySelector("fieldset");
          question.replaceWith(fresh);
          var focus = fresh.querySelector("[data-scenario-focus]");
          if (focus) focus.focus();
        }
        say(body.error || "");
      });
    }).catch(function () {
      // Offline or the server failed: post the form the ordinary way.
      stopped = true;
      var plain = document.createElement("input");
      plain.type = "hidden"; plain.name = "scenario"; plain.value = button.value;
      form.appendChild(plain);
      form.submit();
    });
  });

  var clock = document.querySelector("[data-deadline]");
  if (clock) {
    var deadline = Date.parse(clock.dataset.deadline);
    var left = clock.querySelector(".quiz-timer__left");
    var alert = clock.querySelector(".quiz-timer__alert");
    var warned = {};
    var tick = function () {
      var seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      // Screen readers hear the time twice, not every second.
      [[300, "textFive"], [60, "textOne"]].forEach(function (warning) {
        if (seconds <= warning[0] && seconds > warning[0] - 60 && !warned[warning[1]] && alert) {
          warned[warning[1]] = true;
          alert.textContent = clock.dataset[warning[1]];
        }
      });
      var m = Math.floor(seconds / 60), s = seconds % 60;
      left.textContent = texts.left + m + ":" + (s < 10 ? "0" : "") + s;
      if (seconds === 0) {
        // The server grades what was saved; submitting now saves what is on the page.
        window.clearInterval(interval);
        var submit = form.querySelector("button[value='submit']");
        if (submit) { submit.click(); } else { save(); }
      }
    };
    var interval = window.setInterval(tick, 1000);
    tick();
  }
})();
