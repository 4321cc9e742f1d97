/* Loaded on every page right after the header (base.html), so the phone's
   menu is folded before the page is drawn. Without it nothing is lost: the
   menu stays open with its button hidden, and wide figures and tables still
   scroll sideways. */
(function () {
  "use strict";

  /* The header's menu: on a narrow screen (lms.css, "Header & navigation")
     the links, the account and the search fold behind the Menu button. */
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".site-menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (menu) {
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("is-menu-open", open);
    };
    header.classList.add("has-menu-button");
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      var folding = button.offsetParent !== null; // the button shows: a narrow screen
      if (event.key !== "Escape" || !folding || !header.classList.contains("is-menu-open")) {
        return;
      }
      var wasInside = menu.contains(document.activeElement);
      setOpen(false);
      if (wasInside || document.activeElement === button) {
        button.focus();
      }
    });
  }

  /* Figures and tables wider than the screen scroll sideways: say so, and let
     the keyboard scroll them too. */
  var scrollers = document.getElementsByClassName("scroll-x");
  var markScrollers = function () {
    for (var i = 0; i < scrollers.length; i++) {
      var scroller = scrollers[i];
      var overflowing = scroller.scrollWidth > scroller.clientWidth + 1;
      var hint = scroller.parentElement.querySelector(".scroll-x__hint");
      if (hint) {
        hint.hidden = !overflowing;
      }
      if (overflowing) {
        scroller.setAttribute("tabindex", "0");
        scroller.setAttribute("role", "region");
        scroller.setAttribute("aria-label", scroller.getAttribute("data-scroll-label") || "");
      } else {
        scroller.removeAttribute("tabindex");
        scroller.removeAttribute("role");
        scroller.removeAttribute("aria-label");
      }
    }
  };
  document.addEventListener("DOMContentLoaded", markScrollers);
  window.addEventListener("load", markScrollers);
  window.addEventListener("resize", markScrollers);
})();
