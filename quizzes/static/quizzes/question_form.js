// The question editor shows only what the chosen type uses: the situation for a
// customer scenario, the graph for a branching one, "correct" for choice types,
// and names each option after what it is for that type. Ordering questions show
// their steps as a numbered list the trainer reorders by dragging the grip (or
// with the arrows, from the keyboard): Wagtail's own orderable inline panel,
// whose order is the right order saved. Matching questions show one pair a row,
// item ↔ match. Without JavaScript every field shows, and the form's checks
// still apply.
function lmsQuestionForm() {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  var texts = JSON.parse(kind.dataset.optionTexts || "{}");
  var CHOICE = ["single", "multiple", "true_false", "scenario"];
  var rules = {
    // The sections by an attribute of their own: Wagtail makes their ids from
    // the translated heading ("panel-opzioni-section", "panel-options-section").
    "[data-lms-section='scenario']": ["scenario"],
    "#panel-branching-section": ["branching"],
    "#panel-partial_credit-section": ["multiple", "ordering", "matching"],
    "[data-lms-section='options']": CHOICE.concat(["short_text", "ordering", "matching"])
  };
  var optionRules = {
    "is_correct": CHOICE,
    "match": ["matching"],
    "feedback": CHOICE
  };
  var LAYOUTS = ["ordering", "matching"];
  var section = document.querySelector("[data-lms-section='options']");
  var addButton = document.getElementById("id_options-ADD");
  var help = section && section.querySelector(".help-block");
  var original = {
    add: addButton ? lastText(addButton).nodeValue : "",
    help: help ? lastText(help).nodeValue : ""
  };

  function lastText(element) {
    // The text node after the icon: what the button or heading says.
    var nodes = Array.prototype.filter.call(element.childNodes, function (node) {
      return node.nodeType === Node.TEXT_NODE && node.nodeValue.trim();
    });
    return nodes[nodes.length - 1] || element.appendChild(document.createTextNode(""));
  }

  function show(element, visible) {
    // Wagtail's panels set their own display, which outweighs `hidden`.
    if (element) element.style.display = visible ? "" : "none";
  }

  function say(kindTexts, name, fallback) {
    return (kindTexts && kindTexts[name]) || fallback;
  }

  function applyChild(child, value, kindTexts) {
    Object.keys(optionRules).forEach(function (name) {
      var field = child.querySelector("[data-contentpath='" + name + "']");
      show(field && field.closest(".w-panel__wrapper"), optionRules[name].indexOf(value) !== -1);
    });
    var label = child.querySelector("label[for$='-text']");
    if (label && kindTexts.label) {
      var required = label.querySelector(".w-required-mark");
      label.textContent = kindTexts.label;
      if (required) label.appendChild(required);
    }
    var heading = child.querySelector("[data-panel-heading-text]");
    if (heading) {
      // "Opzioni<span data-inline-panel-child-count> 3</span>": Wagtail keeps
      // the number current as rows move; the name is the text before it.
      var name = lastText(heading);
      if (!child.dataset.lmsHeading) child.dataset.lmsHeading = name.nodeValue.trim();
      name.nodeValue = say(kindTexts, "item", child.dataset.lmsHeading);
    }
    var match = child.querySelector("[data-contentpath='match']");
    var wrapper = match && match.closest(".w-panel__wrapper");
    if (wrapper && !child.querySelector(".lms-pair-arrow")) {
      var arrow = document.createElement("span");
      arrow.className = "lms-pair-arrow";
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = "↔";
      wrapper.parentNode.insertBefore(arrow, wrapper);
    }
  }

  function apply() {
    var value = kind.value;
    var kindTexts = texts[value] || {};
    Object.keys(rules).forEach(function (selector) {
      show(document.querySelector(selector), rules[selector].indexOf(value) !== -1);
    });
    if (section) {
      LAYOUTS.forEach(function (layout) {
        section.classList.toggle("lms-options--" + layout, layout === value);
      });
    }
    if (addButton) lastText(addButton).nodeValue = say(kindTexts, "add", original.add);
    if (help) lastText(help).nodeValue = say(kindTexts, "help", original.help);
    document.querySelectorAll("[id^='inline_child_options-']").forEach(function (child) {
      if (child.id.indexOf("__prefix__") !== -1) return;
      applyChild(child, value, kindTexts);
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
