// The site alert banner's Dismiss buttons, progressively enhanced.
//
// The server renders every alert in scope, each dismissible one with a hidden
// "Dismiss" button, so without this script alerts simply stay (nothing is broken).
// With it: alerts dismissed before are hidden, the buttons appear, and a dismissal
// is remembered in localStorage under the alert's dismiss key, which changes when
// the alert is edited, so an edited alert shows again. Never a cookie: pages stay
// cacheable and nothing about the resident is sent to the server. Emergencies have
// no button at all.
(function () {
  "use strict";

  var PREFIX = "jackson:alert-dismissed:";

  function openStorage() {
    // Storage can be switched off or full; the alert is then hidden for this page only.
    try {
      var storage = window.localStorage;
      storage.setItem(PREFIX + "probe", "1");
      storage.removeItem(PREFIX + "probe");
      return storage;
    } catch (error) {
      return null;
    }
  }

  function forgetOlderVersions(storage, alert) {
    // Dismissals of earlier versions of this alert will never match again: drop them.
    var id = alert.getAttribute("data-alert-id");
    var current = PREFIX + alert.getAttribute("data-alert-key");
    var stale = [];
    for (var i = 0; i < storage.length; i += 1) {
      var name = storage.key(i);
      if (name && name !== current && name.indexOf(PREFIX + id + "-") === 0) {
        stale.push(name);
      }
    }
    stale.forEach(function (name) {
      storage.removeItem(name);
    });
  }

  function visibleAlerts(region) {
    return Array.prototype.filter.call(region.querySelectorAll("[data-alert]"), function (alert) {
      return !alert.hidden;
    });
  }

  function init(region) {
    var storage = openStorage();

    Array.prototype.forEach.call(region.querySelectorAll("[data-alert]"), function (alert) {
      var button = alert.querySelector("[data-alert-dismiss]");
      var key = PREFIX + alert.getAttribute("data-alert-key");
      if (!button) {
        return;
      }
      if (storage) {
        forgetOlderVersions(storage, alert);
        if (storage.getItem(key)) {
          alert.hidden = true;
          return;
        }
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (storage) {
          try {
            storage.setItem(key, "1");
          } catch (error) {
            // Full storage: hidden on this page only.
          }
        }
        alert.hidden = true;
        // Focus would otherwise fall back to the top of the document. Land on what remains of
        // the banner, or on the page's main content when the banner is gone.
        if (visibleAlerts(region).length) {
          region.focus();
        } else {
          region.hidden = true;
          var main = document.getElementById("main-content");
          if (main) {
            main.focus();
          }
        }
      });
    });

    if (!visibleAlerts(region).length) {
      region.hidden = true;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-site-alerts]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
