// Title suggestions under the search box as the reader types. Without this script the form
// still searches; with it, a suggestion is a link to the search for that title.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var script = document.currentScript;
  if (script && !document.querySelector("link[data-search-css]")) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.src.replace(/suggest\.js$/, "search.css");
    css.setAttribute("data-search-css", "");
    document.head.appendChild(css);
  }
  var list = document.createElement("ul");
  list.className = "search-suggestions";
  list.id = "search-suggestions";
  list.hidden = true;
  form.style.position = "relative";
  form.appendChild(list);
  input.setAttribute("aria-controls", list.id);
  var timer = null;
  var latest = "";

  function show(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.href = form.action + "?q=" + encodeURIComponent(item.title);
      link.textContent = item.title;
      var li = document.createElement("li");
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { show([]); return; }
    timer = setTimeout(function () {
      latest = q;
      fetch(form.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (q === latest) show(data.suggestions || []); })
        .catch(function () { show([]); });
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") show([]);
  });
})();
