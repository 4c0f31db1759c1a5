/* Search-box suggestions: the ARIA 1.2 combobox pattern (list autocomplete) over /search/suggest/.
 * Without this script the box is a plain search form. No inline handlers or styles (CSP). */
(function () {
  "use strict";
  var DEBOUNCE_MS = 200;
  var MIN_CHARS = 2;

  function init(form) {
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    if (!input || !list || !window.fetch) return;
    var timer = null;
    var controller = null;
    var active = -1;
    var options = [];
    var lastQuery = "";

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function setActive(index) {
      if (!options.length) return;
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = (index + options.length) % options.length;
      var option = options[active];
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
    }

    function go(option) {
      window.location.assign(option.getAttribute("data-url"));
    }

    function addGroup(title, items, label) {
      if (!items || !items.length) return;
      var heading = document.createElement("li");
      heading.setAttribute("role", "presentation");
      heading.className = "search-suggest-group";
      heading.textContent = title;
      list.appendChild(heading);
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = list.id + "-" + options.length;
        li.className = "search-suggest-option";
        li.setAttribute("data-url", item.url);
        li.textContent = label(item);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { go(li); });
        list.appendChild(li);
        options.push(li);
      });
    }

    function render(data) {
      list.textContent = "";
      options = [];
      active = -1;
      addGroup(form.dataset.labelProducts, data.products, function (p) { return p.title; });
      addGroup(form.dataset.labelCrafts, data.crafts, function (c) { return c.name; });
      addGroup(form.dataset.labelDistricts, data.districts, function (d) { return d.name + ", " + d.state; });
      addGroup(form.dataset.labelArtisans, data.artisans, function (a) { return a.name; });
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = form.dataset.statusSome.replace("%(count)s", options.length);
      } else {
        close();
        status.textContent = form.dataset.statusNone;
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (controller) controller.abort();
      if (query.length < MIN_CHARS) { close(); status.textContent = ""; return; }
      controller = window.AbortController ? new AbortController() : null;
      var url = form.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && input.value.trim() === query) render(data); else if (!data) close(); })
        .catch(function () { /* aborted or offline: the form still searches */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) { lastQuery = ""; fetchSuggestions(); return; }
        event.preventDefault();
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        if (list.hidden) return;
        event.preventDefault();
        setActive(active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) { event.preventDefault(); go(options[active]); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function start() {
    var forms = document.querySelectorAll("form[data-suggest-url]");
    for (var i = 0; i < forms.length; i++) init(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
