// The feedback component ("Was this page helpful?"), progressively enhanced.
//
// Without this script everything works through plain form posts and a 303 back
// to the page. With it: the report form opens and closes in place (the toggle
// becomes a button with aria-expanded/aria-controls), and both forms are sent
// with fetch(); the answer is announced through the component's role="status"
// region and errors through its role="alert" summary. No inline script or style.
(function () {
  "use strict";

  function init(root) {
    var prompt = root.querySelector("[data-feedback-prompt]");
    var voteForm = root.querySelector("[data-feedback-vote]");
    var reportForm = root.querySelector("[data-feedback-report]");
    var toggle = root.querySelector("[data-feedback-toggle]");
    var closeLink = root.querySelector("[data-feedback-close]");
    var status = root.querySelector("[data-feedback-status]");
    var summary = root.querySelector("[data-feedback-summary]");
    var heading = root.querySelector("#feedback-report-heading");
    if (!voteForm || !reportForm || !toggle || !status) {
      return;
    }

    function say(message) {
      status.textContent = "";
      var p = document.createElement("p");
      p.className = "feedback__thanks";
      p.textContent = message;
      status.appendChild(p);
    }

    function setOpen(open, focusTarget) {
      reportForm.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && focusTarget) {
        focusTarget.focus();
      }
    }

    // The "Report a problem" link becomes a disclosure button.
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-controls", reportForm.id);
    toggle.setAttribute("aria-expanded", reportForm.hidden ? "false" : "true");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(reportForm.hidden, reportForm.querySelector("textarea"));
    });
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        toggle.click();
      }
    });

    if (closeLink) {
      closeLink.setAttribute("role", "button");
      closeLink.addEventListener("click", function (event) {
        event.preventDefault();
        setOpen(false);
        if (prompt) {
          prompt.hidden = false;
        }
        toggle.focus();
      });
      closeLink.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          closeLink.click();
        }
      });
    }

    function send(form, extra) {
      var data = new FormData(form);
      if (extra) {
        data.append(extra.name, extra.value);
      }
      return fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        return response
          .json()
          .catch(function () {
            return { ok: false, message: "Sorry, something went wrong. Please try again.", errors: {} };
          })
          .then(function (body) {
            body.ok = body.ok && response.ok;
            return body;
          });
      });
    }

    function clearErrors() {
      summary.hidden = true;
      summary.textContent = "";
      Array.prototype.forEach.call(reportForm.querySelectorAll("[data-feedback-error]"), function (node) {
        node.hidden = true;
        node.textContent = "";
        var field = reportForm.querySelector("#feedback-" + node.getAttribute("data-feedback-error"));
        if (field) {
          field.removeAttribute("aria-invalid");
          field.parentNode.classList.remove("feedback__field--error");
        }
      });
    }

    function showErrors(body) {
      clearErrors();
      var title = document.createElement("p");
      title.className = "feedback__summary-title";
      title.textContent = "There is a problem";
      var list = document.createElement("ul");
      list.className = "feedback__summary-list";
      var errors = body.errors || {};
      var names = Object.keys(errors);
      if (!names.length) {
        errors = { __all__: [body.message || "Sorry, something went wrong. Please try again."] };
        names = ["__all__"];
      }
      names.forEach(function (name) {
        var slot = reportForm.querySelector('[data-feedback-error="' + name + '"]');
        errors[name].forEach(function (message) {
          var item = document.createElement("li");
          if (slot) {
            var link = document.createElement("a");
            link.href = "#feedback-" + name;
            link.textContent = message;
            item.appendChild(link);
            var hidden = document.createElement("span");
            hidden.className = "visually-hidden";
            hidden.textContent = "Error:";
            slot.appendChild(hidden);
            slot.appendChild(document.createTextNode(" " + message));
            slot.hidden = false;
            var field = reportForm.querySelector("#feedback-" + name);
            if (field) {
              field.setAttribute("aria-invalid", "true");
              field.parentNode.classList.add("feedback__field--error");
            }
          } else {
            item.textContent = message;
          }
          list.appendChild(item);
        });
      });
      summary.appendChild(title);
      summary.appendChild(list);
      summary.hidden = false;
      summary.focus();
    }

    voteForm.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!window.fetch || !window.FormData || !button) {
        return; // fall back to the plain post
      }
      event.preventDefault();
      send(voteForm, { name: button.name, value: button.value }).then(
        function (body) {
          if (!body.ok) {
            say(body.message || "Sorry, we could not record your answer. Please try again.");
            return;
          }
          if (prompt) {
            prompt.hidden = true;
          }
          say(body.message);
          if (body.state === "no") {
            setOpen(true, heading);
          } else {
            status.focus();
          }
        },
        function () {
          say("Sorry, we could not record your answer. Please check your connection and try again.");
        }
      );
    });

    reportForm.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) {
        return;
      }
      event.preventDefault();
      var submit = reportForm.querySelector("[type=submit]");
      submit.disabled = true;
      send(reportForm).then(
        function (body) {
          submit.disabled = false;
          if (!body.ok) {
            showErrors(body);
            return;
          }
          clearErrors();
          reportForm.reset();
          setOpen(false);
          if (prompt) {
            prompt.hidden = true;
          }
          say(body.message);
          status.focus();
        },
        function () {
          submit.disabled = false;
          showErrors({ message: "Sorry, your report could not be sent. Please check your connection and try again." });
        }
      );
    });

    if (root.getAttribute("data-state") === "error" && summary && !summary.hidden) {
      summary.focus();
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-feedback]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
