// Entries kept on this device until they reach the server (IndexedDB).
// Shared by the pages (js/offline.js) and the service worker (/sw.js).
// Each entry has a client_id (a random UUID, the form's own when it has one),
// so sending it twice saves it once, and the `account` that saved it (an
// opaque key the server puts in every page): an entry is only ever sent for
// that account, and the server refuses it for any other.
(function (scope) {
  "use strict";
  var DB = "walkwell";
  var STORE = "entries";
  var API = { walk: "/api/v1/walks/", checkin: "/api/v1/checkins/" };
  var NUMBERS = ["duration_minutes", "pain_before", "pain_after", "pain"];
  var ACCOUNT_HEADER = "X-WalkWell-Account";

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
  function entryFromFormData(kind, form, account) {
    var data = {};
    var csrf = "";
    var clientId = "";
    form.forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") {
        csrf = value;
      } else if (name === "client_id") {
        clientId = value;
      } else if (value === "on") {
        data[name] = true;
      } else if (NUMBERS.indexOf(name) !== -1 && /^\d+$/.test(value)) {
        data[name] = parseInt(value, 10);
      } else {
        data[name] = value;
      }
    });
    return {
      client_id: clientId || uuid(),
      kind: kind,
      account: account || "",
      data: data,
      csrf: csrf,
      saved_at: new Date().toISOString(),
      status: "waiting",
      errors: null,
    };
  }

  // One sending at a time on this device: the pages and the worker take the
  // same Web Lock (a promise chain where the browser has none), so triggers
  // that fire together (page load, `online`, a retry, Background Sync) wait
  // for each other and the second finds the entries already sent.
  var sending = Promise.resolve();
  var locks = scope.navigator && scope.navigator.locks;

  var queue = {
    ACCOUNT_HEADER: ACCOUNT_HEADER,
    uuid: uuid,
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
    // The entries this account may see: never another account's.
    mine: function (account) {
      return queue.all().then(function (entries) {
        return entries.filter(function (e) {
          return account && e.account === account;
        });
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
    // Another account is signed in on this device: what a previous account
    // left here is deleted, never sent as this one. Entries saved before
    // entries carried an account are kept for this account to check first.
    forget: function (account) {
      if (!account) return Promise.resolve(0);
      return queue.all().then(function (entries) {
        var others = entries.filter(function (e) {
          return e.account && e.account !== account;
        });
        var unowned = entries.filter(function (e) {
          return !e.account;
        });
        return run("readwrite", function (store) {
          others.forEach(function (e) {
            store.delete(e.client_id);
          });
          unowned.forEach(function (e) {
            e.account = account;
            e.status = "check";
            store.put(e);
          });
        }).then(function () {
          return others.length;
        });
      });
    },
    // Send every waiting entry of `account`. Accepted (201, or 200 for one
    // the server already has) leaves the device; refused (400) is kept with
    // the server's reasons for the patient to fix; 409 means the signed-in
    // account is not the one that saved it, and it is deleted; anything else
    // (offline, a server error) waits. Resolves to {sent, waiting}.
    sendAll: function (csrf, account) {
      if (locks) {
        return locks.request("walkwell-send", function () {
          return send(csrf, account);
        });
      }
      var result = sending.then(function () {
        return send(csrf, account);
      });
      sending = result.catch(function () {});
      return result;
    },
  };

  function send(csrf, account) {
    var report = { sent: [], waiting: 0 };
    if (!account) return Promise.resolve(report);
    return queue.mine(account).then(function (entries) {
      var waiting = entries.filter(function (e) {
        return e.status === "waiting";
      });
      return waiting
        .reduce(function (done, entry) {
          return done.then(function () {
            var body = JSON.stringify(Object.assign({}, entry.data, { client_id: entry.client_id }));
            function post(token) {
              var headers = {
                "Content-Type": "application/json",
                Accept: "application/json",
                "X-CSRFToken": token,
              };
              headers[ACCOUNT_HEADER] = entry.account;
              return scope.fetch(API[entry.kind], {
                method: "POST",
                credentials: "same-origin",
                cache: "no-store",
                headers: headers,
                body: body,
              });
            }
            var token = csrf || entry.csrf;
            return post(token)
              .then(function (response) {
                // A page kept from before this log-in has an old CSRF token;
                // the form the entry was typed into has the current one.
                if (response.status === 403 && entry.csrf && entry.csrf !== token) {
                  return post(entry.csrf);
                }
                return response;
              })
              .then(function (response) {
                if (response.status === 200 || response.status === 201) {
                  report.sent.push(entry.client_id);
                  return queue.remove(entry.client_id);
                }
                if (response.status === 409) {
                  return queue.remove(entry.client_id);
                }
                if (response.status === 400) {
                  return response.json().then(function (errors) {
                    entry.status = "refused";
                    entry.errors = errors;
                    return queue.add(entry);
                  });
                }
                report.waiting += 1;
                return undefined;
              })
              .catch(function () {
                report.waiting += 1; // still offline: try again later
              });
          });
        }, Promise.resolve())
        .then(function () {
          return report;
        });
    });
  }

  scope.WalkWellQueue = queue;
})(self);
