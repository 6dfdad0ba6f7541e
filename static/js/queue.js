// Entries kept on this device until they reach the server (IndexedDB).
// Shared by the pages (js/offline.js) and the service worker (/sw.js).
// Each entry has a client_id (a random UUID), so sending it twice saves it once.
(function (scope) {
  "use strict";
  var DB = "walkwell";
  var STORE = "entries";
  var API = { walk: "/api/v1/walks/", checkin: "/api/v1/checkins/" };
  var NUMBERS = ["duration_minutes", "pain_before", "pain_after", "pain"];

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function run(mode, action) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = action(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = function () {
          db.close();
          reject(tx.error);
        };
      });
    });
  }

  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    var bytes = scope.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  // A form's fields as the API takes them: numbers as numbers, ticked boxes
  // as true. Checkboxes that are not ticked are simply absent (false).
  function entryFromFormData(kind, form) {
    var data = {};
    var csrf = "";
    form.forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") {
        csrf = value;
      } else if (value === "on") {
        data[name] = true;
      } else if (NUMBERS.indexOf(name) !== -1 && /^\d+$/.test(value)) {
        data[name] = parseInt(value, 10);
      } else {
        data[name] = value;
      }
    });
    return {
      client_id: uuid(),
      kind: kind,
      data: data,
      csrf: csrf,
      saved_at: new Date().toISOString(),
      status: "waiting",
      errors: null,
    };
  }

  var queue = {
    entryFromFormData: entryFromFormData,
    add: function (entry) {
      return run("readwrite", function (store) {
        store.put(entry);
      });
    },
    all: function () {
      return run("readonly", function (store) {
        return store.getAll();
      });
    },
    remove: function (clientId) {
      return run("readwrite", function (store) {
        store.delete(clientId);
      });
    },
    clear: function () {
      return run("readwrite", function (store) {
        store.clear();
      });
    },
    // Send every waiting entry. Accepted (201, or 200 for one the server
    // already has) leaves the device; refused (400) is kept with the
    // server's reasons for the patient to fix; anything else waits.
    sendAll: function (csrf) {
      return queue.all().then(function (entries) {
        var waiting = entries.filter(function (e) {
          return e.status === "waiting";
        });
        return waiting.reduce(function (done, entry) {
          return done.then(function () {
            var body = Object.assign({}, entry.data, { client_id: entry.client_id });
            return scope
              .fetch(API[entry.kind], {
                method: "POST",
                credentials: "same-origin",
                headers: {
                  "Content-Type": "application/json",
                  Accept: "application/json",
                  "X-CSRFToken": csrf || entry.csrf,
                },
                body: JSON.stringify(body),
              })
              .then(function (response) {
                if (response.status === 200 || response.status === 201) {
                  return queue.remove(entry.client_id);
                }
                if (response.status === 400) {
                  return response.json().then(function (errors) {
                    entry.status = "refused";
                    entry.errors = errors;
                    return queue.add(entry);
                  });
                }
                return undefined;
              })
              .catch(function () {
                return undefined; // still offline: try again later
              });
          });
        }, Promise.resolve());
      });
    },
  };
  scope.WalkWellQueue = queue;
})(self);
