/*
 * Suggestions for the header search box, following the ARIA combobox pattern
 * (list autocomplete, https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
 *
 * Progressive enhancement: without this script the box is a plain search
 * form. With it, typing two or more characters asks /search/suggest/ for page
 * titles and lists them under the box. Keys: Down/Up move through the list,
 * Enter opens the highlighted page (or searches, if none is highlighted),
 * Escape closes the list (and clears the box if the list is already closed).
 * Titles are inserted with textContent only, never as HTML.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;

  function enhance(form) {
    var input = form.querySelector("input[type=search]");
    var url = form.getAttribute("data-suggest-url");
    if (!input || !url || !window.fetch) {
      return;
    }
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested pages");
    list.hidden = true;

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    form.classList.add("search-box--suggest");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    /* The reader closed the list (Escape, or left the box): a request still on its way must not
       open it again when its answer arrives. */
    function dismiss() {
      window.clearTimeout(timer);
      if (controller) {
        controller.abort();
      }
      close();
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "search-suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        var title = document.createElement("span");
        title.className = "search-suggest__title";
        title.textContent = result.title;
        var type = document.createElement("span");
        type.className = "search-suggest__type";
        type.textContent = result.type;
        option.appendChild(title);
        option.appendChild(type);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          window.location.assign(result.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          " available. Use the up and down arrow keys to choose.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (query.length < 2) {
        render([]);
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(data.results || []);
          }
        })
        .catch(function () {
          /* Suggestions are a convenience: on any failure the form still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!open && options.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
          open = true;
        }
        if (open) {
          event.preventDefault();
          highlight(active + 1 >= options.length ? 0 : active + 1);
        }
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(active <= 0 ? options.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].getAttribute("data-url"));
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          dismiss();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          lastQuery = "";
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(dismiss, 100);
    });
  }

  function init() {
    var forms = document.querySelectorAll("form[data-suggest-url]");
    for (var i = 0; i < forms.length; i += 1) {
      enhance(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
