// Today: log sets (through the outbox, so it works offline), move the editor on to the next set,
// the rest countdown, swaps, and what is still waiting to be sent.
(function () {
  "use strict";

  var S = window.Spotter;
  var root = document.getElementById("today") || document.getElementById("finished");
  if (!root || !S) { return; }
  var user = root.dataset.user;
  var day = root.dataset.day;
  var unit = root.dataset.unit || document.body.dataset.unit || "kg";
  var DONE = "spotter.done." + user;
  var SWAPS = "spotter.swaps." + user;
  var REST = "spotter.rest." + user;
  var REST_OFF = "spotter.rest.off";

  function readDay(key) {
    try {
      var found = JSON.parse(localStorage.getItem(key) || "null");
      if (found && found.day === day) { return found; }
    } catch (e) { /* a damaged entry starts afresh */ }
    return { day: day, map: {} };
  }
  function writeDay(key, value) { localStorage.setItem(key, JSON.stringify(value)); }

  function num(text) {
    if (text === undefined || text === null || String(text).trim() === "") { return null; }
    var n = Number(String(text).replace(",", "."));
    return isFinite(n) ? n : null;
  }
  function fmt(n) { return String(Math.round(n * 100) / 100); }

  // An instant with the phone's offset, e.g. 2026-11-16T18:05:00+01:00 (the set's own time,
  // kept when it is sent later).
  function stamp(date) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    var off = -date.getTimezoneOffset();
    var sign = off >= 0 ? "+" : "-";
    off = Math.abs(off);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) +
      sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }

  function describe(values, card) {
    var text = "";
    if (values.load !== null && values.load !== undefined) {
      text = fmt(values.load) + " " + unit;
    } else if (card && card.dataset.bodyweight === "true") {
      text = "Bodyweight";
    }
    var amount = values.seconds !== null && values.seconds !== undefined ? fmt(values.seconds) + " s" : String(values.reps);
    text = (text ? text + " × " : "") + amount;
    if (values.rpe) { text += " @" + fmt(values.rpe); }
    return text;
  }

  // -- marking sets done -----------------------------------------------------------------------

  function markDone(row, values, state) {
    row.classList.add("done");
    row.classList.remove("current");
    row.dataset.uuid = values.uuid;
    var card = row.closest("section.exercise");
    var what = row.querySelector(".what");
    if (what && row.dataset.kind === "working") {
      var plates = what.querySelector(".plates");
      what.textContent = describe(values, card);
      if (plates && num(row.dataset.load) === values.load) { what.appendChild(plates); }
    }
    var label = row.querySelector(".state");
    if (label) { label.textContent = state === "waiting" ? "Waiting to send" : "Done"; }
    row.classList.toggle("waiting", state === "waiting");
    var button = row.querySelector("button.log-warmup");
    if (button) { button.disabled = true; button.textContent = "✓ Done"; }
  }

  function remember(slot, values, state) {
    var done = readDay(DONE);
    done.map[slot] = Object.assign({}, values, { state: state });
    writeDay(DONE, done);
  }

  // Sets this phone logged today that the page (perhaps a copy from before) does not show yet.
  function overlay(scope) {
    var done = readDay(DONE);
    var slug = scope.dataset ? scope.dataset.exercise : null;
    Object.keys(done.map).forEach(function (slot) {
      var row = scope.querySelector('li[data-slot="' + slot + '"]');
      if (!row && slug && slot.indexOf(slug + ":x") === 0) {
        if (scope.querySelector('[data-uuid="' + done.map[slot].uuid + '"]')) { return; }
        row = extraRow(scope, slot, done.map[slot]);  // an extra set, not on the page's copy
      }
      if (!row) { return; }
      var values = done.map[slot];
      if (row.classList.contains("done") && row.dataset.uuid && row.dataset.uuid !== values.uuid) { return; }
      markDone(row, values, values.state);
    });
  }

  // -- the editor of each exercise -------------------------------------------------------------

  function currentRow(card) {
    return card.querySelector("ol.working li.set[data-kind=working]:not(.done)");
  }

  function prepare(card) {
    var form = card.querySelector("form.set-editor");
    if (!form) { return; }
    var rows = card.querySelectorAll("ol.working li.set[data-kind=working]");
    card.querySelectorAll("li.current").forEach(function (r) { r.classList.remove("current"); });
    var row = currentRow(card);
    var label = form.querySelector(".next-label");
    if (row) {
      row.classList.add("current");
      var index = Array.prototype.indexOf.call(rows, row);
      if (label) { label.textContent = "Set " + (index + 1) + " of " + rows.length; }
      var load = form.querySelector('input[name="load"]');
      var reps = form.querySelector('input[name="reps"]');
      if (load && row.dataset.load !== "") { load.value = row.dataset.load; }
      if (reps && row.dataset.reps !== "") { reps.value = row.dataset.reps; }
    } else if (label) {
      label.textContent = "All sets done: log an extra set?";
    }
  }

  function logSet(card, form, kind, row, values) {
    var slug = card.dataset.exercise;
    var body = {
      uuid: S.uuid4(),
      exercise: slug,
      performed_at: stamp(new Date()),
      set_type: kind
    };
    if (values.load !== null) { body.load = values.load; body.unit = unit; }
    if (card.dataset.bodyweight === "true") { body.bodyweight = true; }
    if (values.seconds !== null && values.seconds !== undefined) { body.seconds = values.seconds; } else { body.reps = values.reps; }
    if (values.rpe) { body.rpe = values.rpe; }
    if (values.notes) { body.notes = values.notes; }
    var slot = row ? row.dataset.slot : slug + ":x" + body.uuid.slice(0, 8);
    var shown = { uuid: body.uuid, load: values.load, reps: values.reps, seconds: values.seconds, rpe: values.rpe };
    S.outbox.add({
      id: body.uuid,
      method: "POST",
      path: "/api/v1/users/me/log/sets",
      body: body,
      slot: slot,
      day: day,
      label: (card.querySelector("h2") ? card.querySelector("h2").textContent.trim() : slug) + " " + describe(shown, card)
    });
    remember(slot, shown, "waiting");
    if (row) {
      markDone(row, shown, "waiting");
    } else {
      markDone(extraRow(card, slot, shown), shown, "waiting");
    }
  }

  function extraRow(card, slot, values) {
    var list = card.querySelector("ol.working");
    var extra = document.createElement("li");
    extra.className = "set extra";
    extra.dataset.slot = slot;
    extra.dataset.kind = "extra";
    extra.dataset.uuid = values.uuid;
    extra.innerHTML = '<span class="what"></span><span class="state"></span>';
    extra.querySelector(".what").textContent = describe(values, card);
    if (list) { list.appendChild(extra); }
    return extra;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("set-editor")) { return; }
    event.preventDefault();
    var card = form.closest("section.exercise");
    var error = form.querySelector(".field-error");
    var load = num(form.elements.load.value);
    var amount = num(form.elements.reps.value);
    var rpe = num(form.elements.rpe.value);
    var measure = card.dataset.measure;
    var bodyweight = card.dataset.bodyweight === "true";
    if (amount === null || amount <= 0) {
      error.textContent = measure === "seconds" ? "How many seconds?" : "How many reps?";
      return;
    }
    if (load === null && !bodyweight) {
      error.textContent = "What weight? Type the load in " + unit + ".";
      return;
    }
    error.textContent = "";
    if (bodyweight && load === 0) { load = null; }
    var values = { load: load, rpe: rpe, notes: form.elements.notes.value.trim() };
    if (measure === "seconds") { values.seconds = amount; values.reps = null; } else { values.reps = Math.round(amount); }
    wakeAudio();
    logSet(card, form, "working", currentRow(card), values);
    form.elements.notes.value = "";
    prepare(card);
    startRest(num(card.dataset.rest) || 90);
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var step = target.closest("button.step");
    if (step) {
      var input = document.getElementById(step.dataset.target);
      var by = num(step.dataset.step) || 0;
      var now = num(input.value);
      var next = (now === null ? 0 : now) + by;
      if (input.name === "reps" && next < 1) { next = 1; }
      if (input.name === "load" && next < 0 && !(input.closest("section.exercise") && input.closest("section.exercise").dataset.bodyweight === "true")) { next = 0; }
      input.value = fmt(next);
      return;
    }
    var warm = target.closest("button.log-warmup");
    if (warm) {
      var row = warm.closest("li.set");
      var card = warm.closest("section.exercise");
      logSet(card, null, "warm-up", row, { load: num(row.dataset.load), reps: num(row.dataset.reps), rpe: null });
      return;
    }
    var swap = target.closest("button.swap-to");
    if (swap) {
      var swaps = readDay(SWAPS);
      swaps.map[swap.dataset.replaces] = swap.dataset.exercise;
      writeDay(SWAPS, swaps);
      return;
    }
    var back = target.closest("button.swap-back");
    if (back) {
      var all = readDay(SWAPS);
      delete all.map[back.dataset.replaces];
      writeDay(SWAPS, all);
      window.location.reload();
    }
  });

  // -- free logging ------------------------------------------------------------------------------

  var free = document.getElementById("free-log");
  if (free) {
    free.addEventListener("submit", function (event) {
      event.preventDefault();
      var error = document.getElementById("free-error");
      var name = free.elements.exercise.value.trim();
      var reps = num(free.elements.reps.value);
      var load = num(free.elements.load.value);
      var rpe = num(free.elements.rpe.value);
      if (!name) { error.textContent = "Which exercise?"; return; }
      if (reps === null || reps < 1) { error.textContent = "How many reps?"; return; }
      error.textContent = "";
      var body = { uuid: S.uuid4(), exercise: name, performed_at: stamp(new Date()), reps: Math.round(reps) };
      if (load !== null) { body.load = load; body.unit = unit; }
      if (rpe) { body.rpe = rpe; }
      var label = name + " " + describe({ load: load, reps: Math.round(reps), rpe: rpe }, null);
      S.outbox.add({ id: body.uuid, method: "POST", path: "/api/v1/users/me/log/sets", body: body, slot: "", day: day, label: label });
      var list = free.parentNode.querySelector("ul.plain");
      if (!list) {
        list = document.createElement("ul");
        list.className = "plain";
        free.parentNode.insertBefore(list, free);
      }
      var item = document.createElement("li");
      item.dataset.uuid = body.uuid;
      item.textContent = label;
      list.appendChild(item);
      startRest(90);
    });
  }

  // -- what waits, what was sent, what failed ----------------------------------------------------

  function showOutbox() {
    var el = document.getElementById("outbox");
    if (!el) { return; }
    var waiting = S.outbox.waiting();
    var failed = S.outbox.failures();
    var parts = [];
    if (waiting > 0) {
      parts.push(waiting + (waiting === 1 ? " set" : " sets") + " waiting to be sent" + (navigator.onLine ? "" : " (offline: sent when the connection is back)") + ".");
    }
    failed.forEach(function (f) { parts.push("Not saved: " + f.label + ": " + f.error); });
    el.textContent = parts.join(" ");
    if (waiting > 0 && S.outbox.needsSignIn()) {
      var again = document.createElement("a");
      again.href = "/signin?next=/today";
      again.textContent = "Sign in again to send them";
      el.appendChild(document.createTextNode(" "));
      el.appendChild(again);
    }
    if (failed.length > 0) {
      var dismiss = document.createElement("button");
      dismiss.type = "button";
      dismiss.className = "link";
      dismiss.textContent = "Dismiss";
      dismiss.addEventListener("click", function () { S.outbox.clearFailures(); });
      el.appendChild(document.createTextNode(" "));
      el.appendChild(dismiss);
    }
    S.showNetwork();
  }

  document.addEventListener("spotter:outbox", showOutbox);
  document.addEventListener("spotter:sent", function (event) {
    var entry = event.detail.entry;
    if (entry.slot) {
      var done = readDay(DONE);
      if (done.map[entry.slot]) { done.map[entry.slot].state = "sent"; writeDay(DONE, done); }
    }
    var row = document.querySelector('[data-uuid="' + entry.id + '"]');
    if (row) {
      row.classList.remove("waiting");
      var label = row.querySelector(".state");
      if (label) { label.textContent = row.classList.contains("extra") ? "Extra" : "Done"; }
    }
  });
  document.addEventListener("spotter:failed", function (event) {
    var entry = event.detail.entry;
    if (entry.slot) {
      var done = readDay(DONE);
      delete done.map[entry.slot];
      writeDay(DONE, done);
    }
    var row = document.querySelector('[data-uuid="' + entry.id + '"]');
    if (row) {
      var label = row.querySelector(".state");
      if (label) { label.textContent = "Not saved"; }
      row.classList.remove("done", "waiting");
      var failedCard = row.closest("section.exercise");
      if (failedCard) { prepare(failedCard); }
    }
  });

  // -- the rest countdown --------------------------------------------------------------------------

  var audio = null;
  function wakeAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    if (!audio) { try { audio = new Ctx(); } catch (e) { audio = null; } }
    if (audio && audio.state === "suspended") { audio.resume(); }
  }
  function beep() {
    if (!audio) { return; }
    [0, 0.35, 0.7].forEach(function (at) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.25;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.2);
    });
  }

  var restBox = document.getElementById("rest");
  var restTime = document.getElementById("rest-time");
  var restOn = document.getElementById("rest-on");
  var ticking = null;

  function restState() {
    try { return JSON.parse(localStorage.getItem(REST) || "null"); } catch (e) { return null; }
  }
  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }
  function stopRest() {
    localStorage.removeItem(REST);
    if (ticking) { window.clearInterval(ticking); ticking = null; }
    if (restBox) { restBox.hidden = true; restBox.classList.remove("over"); }
  }
  function tick() {
    var state = restState();
    if (!state || !restBox) { stopRest(); return; }
    var left = (state.endsAt - Date.now()) / 1000;
    restBox.hidden = false;
    restTime.textContent = left > 0 ? clock(left) : "Go";
    if (left <= 0 && !state.rang) {
      state.rang = true;
      localStorage.setItem(REST, JSON.stringify(state));
      restBox.classList.add("over");
      beep();
      if (navigator.vibrate) { navigator.vibrate([300, 150, 300]); }
    }
    if (left < -60) { stopRest(); }
  }
  function startRest(seconds) {
    if (!restBox || (restOn && !restOn.checked)) { return; }
    localStorage.setItem(REST, JSON.stringify({ endsAt: Date.now() + seconds * 1000, rang: false }));
    restBox.classList.remove("over");
    if (!ticking) { ticking = window.setInterval(tick, 250); }
    tick();
  }
  function moveRest(by) {
    var state = restState();
    if (!state) { return; }
    state.endsAt += by * 1000;
    if (state.endsAt > Date.now()) { state.rang = false; restBox.classList.remove("over"); }
    localStorage.setItem(REST, JSON.stringify(state));
    tick();
  }
  if (restBox) {
    document.getElementById("rest-plus").addEventListener("click", function () { moveRest(15); });
    document.getElementById("rest-minus").addEventListener("click", function () { moveRest(-15); });
    document.getElementById("rest-skip").addEventListener("click", stopRest);
    if (restState()) { ticking = window.setInterval(tick, 250); tick(); }
  }
  if (restOn) {
    restOn.checked = localStorage.getItem(REST_OFF) !== "1";
    restOn.addEventListener("change", function () {
      if (restOn.checked) { localStorage.removeItem(REST_OFF); } else { localStorage.setItem(REST_OFF, "1"); stopRest(); }
    });
  }
  var finish = document.getElementById("finish");
  if (finish) { finish.addEventListener("click", stopRest); }

  // -- swaps made earlier today come back after a reload ----------------------------------------

  function reapplySwaps() {
    var swaps = readDay(SWAPS);
    Object.keys(swaps.map).forEach(function (planned) {
      var card = document.querySelector('section.exercise[data-exercise="' + planned + '"]');
      if (!card || !window.htmx) { return; }
      var rows = card.querySelectorAll("ol.working li.set[data-kind=working]");
      var first = rows[0];
      var reps = first && first.dataset.reps ? first.dataset.reps : "8";
      var url = "/today/card?exercise=" + encodeURIComponent(swaps.map[planned]) + "&replaces=" +
        encodeURIComponent(planned) + "&sets=" + Math.max(1, rows.length) + "&reps=" + reps +
        "&rest=" + (card.dataset.rest || "120");
      window.htmx.ajax("GET", url, { target: card, swap: "outerHTML" });
    });
  }

  document.addEventListener("htmx:load", function (event) {
    var el = event.detail.elt;
    if (el && el.matches && el.matches("section.exercise")) {
      overlay(el);
      prepare(el);
    }
  });

  document.querySelectorAll("section.exercise").forEach(function (card) {
    overlay(card);
    prepare(card);
  });
  if (window.htmx) { reapplySwaps(); } else { document.addEventListener("DOMContentLoaded", reapplySwaps); }
  showOutbox();
})();
