// Story pages come from the front cache, the same bytes for every reader: this script counts
// the view and gives the feedback form its CSRF token when the reader starts using it
// (news/views.py). Without it the form still works: the browser's Origin header is checked.
(function () {
  "use strict";
  var viewUrl = document.currentScript.dataset.viewUrl;
  if (viewUrl && navigator.sendBeacon) {
    navigator.sendBeacon(viewUrl);
  }

  var form = document.querySelector("form[data-token-url]");
  if (!form) {
    return;
  }
  var pending = null;

  function tokenField() {
    return form.querySelector("input[name=csrfmiddlewaretoken]");
  }

  function fetchToken() {
    if (!pending) {
      pending = fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          var field = tokenField() || document.createElement("input");
          field.type = "hidden";
          field.name = "csrfmiddlewaretoken";
          field.value = data.token;
          form.appendChild(field);
        })
        .catch(function () {
          pending = null; // the Origin check still lets the form through
        });
    }
    return pending;
  }

  form.addEventListener("focusin", fetchToken);
  form.addEventListener("submit", function (event) {
    if (tokenField()) {
      return;
    }
    event.preventDefault();
    Promise.resolve(fetchToken()).then(function () {
      form.submit();
    });
  });
})();
