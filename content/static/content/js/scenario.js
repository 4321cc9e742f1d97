// Scenarios play in place: a reply is posted in the background and the
// scenario is replaced by the server's new rendering of it (the customer's
// reaction, the coach's comment, the next step or the ending). Without
// JavaScript the same forms post and the page reloads at the scenario.
(function () {
  "use strict";
  if (window.lmsScenarios || !window.fetch || !window.FormData) {
    return;
  }
  window.lmsScenarios = true;

  function focusNow(section) {
    var target = section.querySelector("[data-scenario-focus]");
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var section = form.closest("section[data-scenario]");
    if (!section || form.dataset.plain) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    var status = section.querySelector(".scenario-block__status");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (body.html) {
            var holder = document.createElement("div");
            holder.innerHTML = body.html.trim();
            var fresh = holder.querySelector("section[data-scenario]");
            section.replaceWith(fresh);
            section = fresh;
            status = section.querySelector(".scenario-block__status");
            focusNow(section);
          }
          if (body.error && status) {
            status.textContent = body.error;
          }
          if (!body.html) {
            buttons.forEach(function (button) { button.disabled = false; });
          }
        });
      })
      .catch(function () {
        // Offline or the server failed: post the form the ordinary way.
        form.dataset.plain = "1";
        buttons.forEach(function (button) { button.disabled = false; });
        if (submitter) {
          form.requestSubmit(submitter);
        } else {
          form.submit();
        }
      });
  });
})();
