// The question editor shows only what the chosen type uses: the situation for a
// customer scenario, the graph for a branching one, "correct" for choice types,
// the pairs for matching, and names each option after what it is for that type.
// Without JavaScript every field shows, and the form's checks still apply.
function lmsQuestionForm() {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  var labels = JSON.parse(kind.dataset.optionLabels || "{}");
  var CHOICE = ["single", "multiple", "true_false", "scenario"];
  var rules = {
    "#panel-scenario_con_il_cliente-section": ["scenario"],
    "#panel-branching-section": ["branching"],
    "#panel-partial_credit-section": ["multiple", "ordering", "matching"],
    "#panel-opzioni-section": CHOICE.concat(["short_text", "ordering", "matching"])
  };
  var optionRules = {
    "is_correct": CHOICE,
    "match": ["matching"],
    "feedback": CHOICE
  };

  function show(element, visible) {
    // Wagtail's panels set their own display, which outweighs `hidden`.
    if (element) element.style.display = visible ? "" : "none";
  }

  function apply() {
    var value = kind.value;
    Object.keys(rules).forEach(function (selector) {
      show(document.querySelector(selector), rules[selector].indexOf(value) !== -1);
    });
    document.querySelectorAll("[id^='inline_child_options-']").forEach(function (child) {
      if (child.id.indexOf("__prefix__") !== -1) return;
      Object.keys(optionRules).forEach(function (name) {
        var field = child.querySelector("[data-contentpath='" + name + "']");
        show(field && field.closest("[data-field-wrapper]"), optionRules[name].indexOf(value) !== -1);
      });
      var label = child.querySelector("label[for$='-text']");
      if (label && labels[value]) {
        var required = label.querySelector(".w-required-mark");
        label.textContent = labels[value];
        if (required) label.appendChild(required);
      }
    });
  }

  kind.addEventListener("change", apply);
  var forms = document.getElementById("id_options-FORMS");
  if (forms && window.MutationObserver) {
    new MutationObserver(apply).observe(forms, { childList: true });
  }
  apply();
}
// Wagtail puts form media in the page's head: wait for the form.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", lmsQuestionForm);
} else {
  lmsQuestionForm();
}
