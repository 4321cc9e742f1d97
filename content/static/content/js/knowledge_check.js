// Inline knowledge checks: send the answer without reloading the page and show
// the option's feedback. Without JavaScript the form posts and the page reloads
// with the same feedback, so this is only an enhancement.
(function () {
  "use strict";

  function render(region, data) {
    region.replaceChildren();
    var verdict = document.createElement("p");
    verdict.className =
      "knowledge-check__verdict knowledge-check__verdict--" +
      (data.correct ? "right" : "wrong");
    verdict.textContent = data.verdict;
    region.appendChild(verdict);
    if (data.feedback) {
      var feedback = document.createElement("p");
      feedback.textContent = data.feedback;
      region.appendChild(feedback);
    }
  }

  function bind(form) {
    if (form.dataset.bound) {
      return;
    }
    form.dataset.bound = "1";
    var region = document.getElementById(form.dataset.feedback);
    if (form.dataset.preview !== undefined) {
      // A trainer's preview: the verdict from the page itself, nothing sent.
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = form.querySelector("input[name=option]:checked");
        if (!chosen) return;
        var correct = chosen.dataset.correct === "1";
        render(region, {
          correct: correct,
          verdict: correct ? form.dataset.textRight : form.dataset.textWrong,
          feedback: chosen.dataset.feedback,
        });
      });
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) {
              data = { correct: false, verdict: data.error, feedback: "" };
            }
            render(region, data);
          });
        })
        .catch(function () {
          // Offline or the server failed: fall back to a normal submission.
          form.submit();
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  function init() {
    document.querySelectorAll("form[data-knowledge-check]").forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
