// The installable app on the page side: registers the service worker, keeps
// a walk or check-in on the device when there is no connection, sends what is
// waiting when the connection returns, and shows what is waiting or refused.
(function () {
  "use strict";
  var queue = window.WalkWellQueue;
  var box = document.getElementById("offline-queue");
  if (!queue || !window.indexedDB || !box) return;
  var strings = box.dataset; // the page's words, in the patient's language

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function text(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key];
    });
  }

  function entryLabel(entry) {
    var noun = entry.kind === "walk" ? strings.walk : strings.checkin;
    var minutes = entry.data.duration_minutes ? ", " + entry.data.duration_minutes + " min" : "";
    return noun + " " + (entry.data.date || "") + minutes;
  }

  function errorText(errors) {
    if (!errors) return "";
    var detail = errors.errors || errors;
    return Object.keys(detail)
      .map(function (key) {
        var value = detail[key];
        return (Array.isArray(value) ? value.join(" ") : String(value)).trim();
      })
      .join(" ");
  }

  // The account signed in on this page (an opaque key; "" when nobody is).
  var account = box.dataset.account || "";
  var sentIds = {}; // entries this page saw reach the diary
  var sentCount = 0;

  function noteSent(ids) {
    ids.forEach(function (id) {
      if (!sentIds[id]) {
        sentIds[id] = true;
        sentCount += 1;
      }
    });
  }

  function show() {
    return queue.mine(account).then(function (entries) {
      var waiting = entries.filter(function (e) { return e.status === "waiting"; });
      var refused = entries.filter(function (e) { return e.status !== "waiting"; });
      box.hidden = entries.length === 0 && sentCount === 0;
      var count = box.querySelector("[data-queue-count]");
      count.textContent = waiting.length
        ? text(waiting.length === 1 ? strings.waitingOne : strings.waitingMany, { count: waiting.length })
        : "";
      var sent = box.querySelector("[data-queue-sent]");
      sent.textContent = sentCount
        ? text(sentCount === 1 ? strings.sentOne : strings.sentMany, { count: sentCount })
        : "";
      var list = box.querySelector("[data-queue-refused]");
      list.replaceChildren();
      refused.forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "mb-2";
        var what = document.createElement("strong");
        what.textContent = entryLabel(entry) + ": ";
        var why = entry.status === "check" ? strings.check : strings.refused + " " + errorText(entry.errors);
        item.append(what, document.createTextNode(why + " "));
        var fix = document.createElement("a");
        fix.href = (entry.kind === "walk" ? "/walks/new/" : "/checkins/new/") + "?queued=" + entry.client_id;
        fix.textContent = strings.fix;
        fix.className = "btn btn-sm btn-outline-primary me-1";
        var drop = document.createElement("button");
        drop.type = "button";
        drop.className = "btn btn-sm btn-outline-secondary";
        drop.textContent = strings.discard;
        drop.addEventListener("click", function () {
          queue.remove(entry.client_id).then(show);
        });
        item.append(fix, drop);
        list.append(item);
      });
      return entries;
    });
  }

  // Sending: on page load, when the connection returns, when the page comes
  // back into view, and again with a growing pause (1 s up to 10 s) while
  // entries wait, besides Background Sync where the browser has it. A
  // browser that says it is online can still fail to connect, so each try
  // simply sends and keeps what did not arrive.
  var retryTimer = null;
  var retryDelay = 1000;

  function send() {
    if (retryTimer) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    // "Offline" is certain (the `online` event follows); "online" may not be.
    if (!navigator.onLine) return show();
    return queue.sendAll(csrf(), account).then(function (report) {
      noteSent(report.sent);
      if (report.sent.length) retryDelay = 1000;
      if (report.waiting) {
        retryTimer = setTimeout(send, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 10000);
      }
      return show();
    });
  }

  function sendNow() {
    retryDelay = 1000;
    return send();
  }

  // A walk or check-in saved while offline stays on the device.
  document.querySelectorAll("form[data-offline-kind]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var queued = new URLSearchParams(location.search).get("queued");
      if (navigator.onLine) {
        if (queued) queue.remove(queued); // sent now through the form itself
        return;
      }
      event.preventDefault();
      var entry = queue.entryFromFormData(form.dataset.offlineKind, new FormData(form), account);
      var done = queued ? queue.remove(queued) : Promise.resolve();
      done
        .then(function () { return queue.add(entry); })
        .then(function () {
          form.reset();
          // The next entry made with this form is a new one: a new key.
          var key = form.querySelector("input[name=client_id]");
          if (key) key.defaultValue = key.value = queue.uuid();
          var saved = document.getElementById("offline-saved");
          saved.hidden = false;
          saved.focus();
          if (navigator.serviceWorker && navigator.serviceWorker.ready) {
            navigator.serviceWorker.ready.then(function (reg) {
              if (reg.sync) reg.sync.register("send-entries").catch(function () {});
            });
          }
          if (retryTimer === null) retryTimer = setTimeout(send, retryDelay);
          return show();
        });
    });
  });

  // "Fix": put a refused entry back into its form.
  var queuedId = new URLSearchParams(location.search).get("queued");
  var queuedForm = document.querySelector("form[data-offline-kind]");
  if (queuedId && queuedForm) {
    queue.mine(account).then(function (entries) {
      var entry = entries.filter(function (e) { return e.client_id === queuedId; })[0];
      if (!entry) return;
      var key = queuedForm.querySelector("input[name=client_id]");
      if (key) key.value = entry.client_id;
      Object.keys(entry.data).forEach(function (name) {
        var fields = queuedForm.querySelectorAll('[name="' + name + '"]');
        fields.forEach(function (field) {
          if (field.type === "checkbox") field.checked = entry.data[name] === true;
          else if (field.type === "radio") field.checked = String(entry.data[name]) === field.value;
          else field.value = entry.data[name];
        });
      });
    });
  }

  // Logging out clears this device's queue and kept pages, after a warning
  // when entries have not reached the server yet.
  document.querySelectorAll("form[data-logout]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.cleared === "1") return;
      event.preventDefault();
      queue.mine(account).then(function (entries) {
        if (entries.length && !window.confirm(text(strings.logoutWarning, { count: entries.length }))) {
          return;
        }
        var pages = navigator.serviceWorker && navigator.serviceWorker.controller;
        if (pages) pages.postMessage("clear-pages");
        queue.clear().then(function () {
          form.dataset.cleared = "1";
          form.submit();
        });
      });
    });
  });

  window.addEventListener("online", sendNow);
  window.addEventListener("offline", show);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") sendNow();
  });
  if (navigator.serviceWorker) {
    // The worker sent entries itself (Background Sync): show it.
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "entries-sent") {
        noteSent(event.data.sent || []);
        show();
      }
    });
  }
  // First, what another account left on this device is deleted unsent.
  queue.forget(account).then(sendNow);
})();
