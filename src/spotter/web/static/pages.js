/* Plan's forms: a form marked data-busy="words" disables its submit button and shows the words
   while the server works (making a plan from the profile takes seconds; a second tap would make
   a second plan). Coming back to the page (back button) enables the button again. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-busy")) return;
    if (form.getAttribute("data-sent") === "1") {
      event.preventDefault();  // already on its way
      return;
    }
    form.setAttribute("data-sent", "1");
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.setAttribute("data-label", button.textContent);
      button.textContent = form.getAttribute("data-busy");
      button.setAttribute("aria-disabled", "true");
    });
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy][data-sent]").forEach(function (form) {
      form.removeAttribute("data-sent");
      form.querySelectorAll("button[data-label]").forEach(function (button) {
        button.textContent = button.getAttribute("data-label");
        button.removeAttribute("aria-disabled");
      });
    });
  });
})();
