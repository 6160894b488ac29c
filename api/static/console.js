/* dispatch-assist dispatcher console: plain JS, no framework, no CDN.
 *
 * The console key lives in sessionStorage (this tab only) and travels only in the Authorization
 * header of fetch() calls. The live feed is GET /v1/stream read with a stream reader (EventSource
 * cannot send headers); on any break it reconnects with Last-Event-ID and the server replays what
 * was missed. Everything shown is built with textContent: nothing from the wire is parsed as HTML.
 */
"use strict";

(() => {
  const KEY_STORE = "dispatch-assist.console-key";
  const BACKLOG = 500;
  const DECIDED_SHOWN = 25;
  const WATCHDOG_MS = 40000; // server heartbeats every 15 s
  const CHANGED_MS = 8000;
  const SAFETY_FLAGS = new Set(["weapon", "violence", "injury", "medical"]);
  const WHY_NOT = ["disq.", "area.", "hours.", "eta.", "hold.", "none.", "fallback.", "degraded"];
  const STATUS = {
    available: { label: "Available", abbr: "AVL", icon: "●", group: "available" },
    dispatched: { label: "Dispatched", abbr: "DSP", icon: "▶", group: "dispatched" },
    en_route: { label: "En route", abbr: "ENR", icon: "▶", group: "dispatched" },
    on_scene: { label: "On scene", abbr: "ONS", icon: "■", group: "on_scene" },
    transporting: { label: "Transporting", abbr: "TRN", icon: "■", group: "on_scene" },
    out_of_service: { label: "Out of service", abbr: "OOS", icon: "✕", group: "out_of_service" },
  };
  const STATUS_ORDER = ["available", "dispatched", "en_route", "on_scene", "transporting", "out_of_service"];
  const URGENCY = [
    { name: "high", label: "HIGH", icon: "▲" },
    { name: "medium", label: "MED", icon: "◆" },
    { name: "low", label: "LOW", icon: "▽" },
  ];

  const $ = (id) => document.getElementById(id);
  const state = {
    key: null,
    config: null,
    recs: new Map(), // recommendation_id -> {rec, call, outcome, arrived}
    units: new Map(), // unit_id -> {unit_id, type, status, reported_ms, stale}
    selected: null,
    lastEventId: null,
    running: false,
    abort: null,
    renderQueued: false,
    boardChanged: new Map(), // unit_id -> when its status changed (highlighted for CHANGED_MS)
    dialogFor: null,
    unitNews: [], // unit changes not yet announced (one announcement per render, not per unit)
    pollTimer: null,
  };

  // ---------------------------------------------------------------- helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "tabindex" || k === "id" ||
               k === "title" || k === "for" || k === "type" || k === "value" || k === "name") el.setAttribute(k, v);
      else el[k] = v;
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  function words(code) {
    return String(code || "").replace(/_/g, " ");
  }

  function responseLabel(name) {
    const r = state.config && state.config.responses.find((x) => x.name === name);
    return r ? r.label : words(name);
  }

  function unitTypeLabel(type) {
    const r = state.config && state.config.responses.find((x) => x.unit_types.includes(type));
    return r ? r.label : "";
  }

  function ago(ms) {
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return `${s} s ago`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ago`;
    return `${Math.floor(m / 60)} h ${m % 60} min ago`;
  }

  function ageText(item) {
    return item.received < item.decided - 1000 ? `received ${ago(item.received)}` : ago(item.decided);
  }

  function eta(seconds) {
    if (seconds < 60) return `${seconds} s`;
    return `${Math.round(seconds / 60)} min`;
  }

  function km(m) {
    return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${m} m`;
  }

  function announce(text, urgent) {
    const el = $(urgent ? "announce-urgent" : "announce");
    el.textContent = "";
    setTimeout(() => { el.textContent = text; }, 30);
  }

  function notice(text) {
    $("notice").textContent = text || "";
  }

  async function api(method, path, body) {
    const headers = { Authorization: `Bearer ${state.key}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, {
      method, headers, cache: "no-store", body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    return { status: res.status, ok: res.ok, data };
  }

  function problemText(r) {
    if (r.data && Array.isArray(r.data.errors) && r.data.errors.length) {
      return r.data.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
    }
    return (r.data && (r.data.detail || r.data.title)) || `request failed (HTTP ${r.status})`;
  }

  // ---------------------------------------------------------------- sign-in

  function showSignin(message) {
    state.running = false;
    if (state.abort) state.abort.abort();
    if (state.pollTimer) clearInterval(state.pollTimer);
    $("app").hidden = true;
    $("signout").hidden = true;
    $("signin").hidden = false;
    $("jurisdiction").textContent = "";
    setConn("offline", "Signed out");
    $("signin-error").textContent = message || "";
    $("signin-key").value = "";
    $("signin-key").focus();
  }

  async function signIn(key) {
    state.key = key;
    let r;
    try {
      r = await api("GET", "/v1/console/config");
    } catch (_) {
      return "The service is not reachable. Check the network and try again.";
    }
    if (r.status === 401) return "This key is not recognised (unknown or revoked).";
    if (r.status === 403) return "This key cannot read the console (it needs the console:read scope).";
    if (!r.ok) return problemText(r);
    state.config = r.data;
    sessionStorage.setItem(KEY_STORE, key);
    start();
    return null;
  }

  function signOut() {
    sessionStorage.removeItem(KEY_STORE);
    state.key = null;
    state.recs.clear();
    state.units.clear();
    state.lastEventId = null;
    showSignin("Signed out.");
  }

  // ---------------------------------------------------------------- start

  function start() {
    const c = state.config;
    $("signin").hidden = true;
    $("app").hidden = false;
    $("signout").hidden = false;
    $("jurisdiction").textContent = `${c.jurisdiction} · policy ${c.policy_version}`;
    const canWrite = c.scopes.includes("console:write");
    document.body.classList.toggle("read-only", !canWrite);
    if (!canWrite) notice("This key is read-only (no console:write scope): Accept and Override are disabled.");
    state.running = true;
    refreshUnits();
    state.pollTimer = setInterval(refreshUnits, 15000);
    streamLoop();
    scheduleRender();
    $("queue-title").setAttribute("tabindex", "-1");
    $("queue-title").focus();
  }

  async function refreshUnits() {
    if (!state.running) return;
    try {
      const r = await api("GET", "/v1/units");
      if (r.status === 401) { signOut(); return; }
      if (!r.ok || !Array.isArray(r.data)) return;
      const seen = new Set();
      for (const u of r.data) {
        seen.add(u.unit_id);
        const reported = Date.parse(u.reported_at);
        const cur = state.units.get(u.unit_id);
        if (!cur || reported >= cur.reported_ms) {
          if (cur && (cur.status !== u.status || cur.type !== u.type)) state.boardChanged.set(u.unit_id, Date.now());
          state.units.set(u.unit_id, { unit_id: u.unit_id, type: u.type, status: u.status, reported_ms: reported,
                                       stale: u.stale });
        } else {
          cur.stale = u.stale;
        }
      }
      for (const id of [...state.units.keys()]) if (!seen.has(id)) state.units.delete(id);
      scheduleRender();
    } catch (_) { /* the stream status shows connectivity */ }
  }

  // ---------------------------------------------------------------- live stream

  function setConn(kind, text) {
    const el = $("conn");
    el.dataset.state = kind;
    const icons = { live: "●", reconnecting: "◌", offline: "○" };
    el.querySelector(".conn-icon").textContent = icons[kind] || "○";
    $("conn-text").textContent = text || { live: "Live", reconnecting: "Reconnecting…", offline: "Offline" }[kind];
  }

  async function streamLoop() {
    let backoff = 1000;
    while (state.running) {
      const ctrl = new AbortController();
      state.abort = ctrl;
      let watchdog = null;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => ctrl.abort(), WATCHDOG_MS);
      };
      try {
        const headers = { Authorization: `Bearer ${state.key}`, Accept: "text/event-stream" };
        if (state.lastEventId) headers["Last-Event-ID"] = state.lastEventId;
        arm();
        const res = await fetch(`/v1/stream?backlog=${BACKLOG}`, { headers, signal: ctrl.signal, cache: "no-store" });
        if (res.status === 401) { clearTimeout(watchdog); signOut(); return; }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        setConn("live");
        backoff = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm();
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            onBlock(block);
          }
        }
      } catch (_) {
        /* network error, abort or watchdog: reconnect below */
      }
      clearTimeout(watchdog);
      if (!state.running) return;
      setConn("reconnecting");
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 10000);
    }
  }

  function onBlock(block) {
    let id = null;
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (id) state.lastEventId = id;
    if (!data.length) return;
    let payload;
    try { payload = JSON.parse(data.join("\n")); } catch (_) { return; }
    if (event === "recommendation") onRecommendation(payload);
    else if (event === "outcome") onOutcome(payload);
    else if (event === "unit") onUnit(payload);
    else if (event === "conflict") onConflict(payload);
    else if (event === "reset") { state.recs.clear(); }
    scheduleRender();
  }

  function onRecommendation(rec) {
    const call = rec.call || null;
    const existing = state.recs.get(rec.recommendation_id);
    if (existing) { existing.rec = rec; existing.call = call || existing.call; return; }
    // A later event of the same incident, or a revision after answers were recorded, supersedes a
    // pending earlier one in the queue (and keeps its call details: a revision carries no narrative).
    let earlier = null;
    for (const item of state.recs.values()) {
      if (item.rec.incident_id === rec.incident_id && !item.outcome &&
          (item.rec.seq < rec.seq || (item.rec.seq === rec.seq && (item.rec.revision || 0) < (rec.revision || 0)))) {
        item.superseded = true;
        earlier = item;
      }
    }
    if (earlier && earlier.call && call && !call.narrative && rec.revision) call.narrative = earlier.call.narrative;
    const decided = Date.parse(rec.decided_at);
    const received = call && call.received_at ? Date.parse(call.received_at) : decided;
    state.recs.set(rec.recommendation_id, { rec, call, outcome: null, arrived: Date.now(), decided,
                                            received: Math.min(received, decided) });
    if (Date.now() - decided < 15000) {
      const item = state.recs.get(rec.recommendation_id);
      const u = URGENCY[urgency(item)];
      const where = call && call.address ? ` at ${call.address}` : "";
      announce(`New ${u.label.toLowerCase()} priority suggestion: ${responseLabel(rec.response)} for ` +
               `${rec.call_type}${where}.`, u.name === "high");
    }
  }

  function onConflict(c) {
    notice(`Incident ${c.incident_id} update ${c.seq}: the CAD re-sent it with different facts. ` +
           `It was refused; the CAD must send them as update ${c.seq + 1}.`);
    announce(`Changed facts refused for incident ${c.incident_id}.`, true);
  }

  async function answer(item, question, value) {
    if (!item) return;
    notice("");
    const r = await api("POST", `/v1/incidents/${encodeURIComponent(item.rec.incident_id)}/answers`,
                        { answers: { [question]: value } });
    if (!r.ok) { notice(`Answer not recorded: ${problemText(r)}`); return; }
    const rec = Object.assign({}, r.data, { call: item.call });
    onRecommendation(rec);
    state.selected = rec.recommendation_id;
    announce(`Recorded ${words(question)} ${value ? "yes" : "no"}: now ${responseLabel(rec.response)}.`);
    render();
    focusSelected();
  }

  function askBlock(rec) {
    const ask = rec.ask || [];
    if (!ask.length) return null;
    return h("section", { class: "ask", "aria-label": "Ask the caller first" },
      h("p", { class: "section-label" }, "Ask first"),
      h("ol", { class: "ask-list" }, ask.map((q) => h("li", { class: "ask-item", "data-question": q.question },
        h("span", { class: "ask-text" }, q.text),
        h("span", { class: "ask-why" }, ` no → ${responseLabel(q.unlocks)} · yes → ${responseLabel(q.if_yes)}`),
        h("span", { class: "ask-buttons" },
          h("button", { type: "button", class: "btn btn-ask", "data-action": "answer", "data-question": q.question,
                        "data-value": "no" }, "No"),
          h("button", { type: "button", class: "btn btn-ask", "data-action": "answer", "data-question": q.question,
                        "data-value": "yes" }, "Yes"))))));
  }

  function knownLine(rec) {
    const answers = rec.answers || [];
    if (!answers.length) return null;
    return h("p", { class: "known" }, h("span", { class: "section-label" }, "Known: "),
      answers.map((a, i) => `${i ? "; " : ""}${words(a.question)} ${a.value ? "YES" : "no"} (${words(a.source)})`).join(""));
  }

  function onOutcome(o) {
    const item = state.recs.get(o.recommendation_id);
    if (!item) return;
    if (!item.outcome || o.revision >= item.outcome.revision) item.outcome = o;
  }

  function onUnit(u) {
    const cur = state.units.get(u.unit_id);
    if (cur && u.reported_ms < cur.reported_ms) return;
    state.units.set(u.unit_id, { unit_id: u.unit_id, type: u.type, status: u.status, reported_ms: u.reported_ms,
                                 stale: false });
    if (cur && (cur.status !== u.status || cur.type !== u.type)) {
      state.boardChanged.set(u.unit_id, Date.now());
      const st = STATUS[u.status];
      state.unitNews.push(`${u.unit_id} ${st ? st.label.toLowerCase() : words(u.status)}`);
    }
  }

  // ---------------------------------------------------------------- model

  function urgency(item) {
    const p = item.call ? item.call.priority : null;
    const flags = item.rec.flags || [];
    if (flags.some((f) => SAFETY_FLAGS.has(f)) || (p !== null && p !== undefined && p <= 1)) return 0;
    if (p === 2 || flags.includes("suicidal") || flags.includes("crime_in_progress")) return 1;
    return 2;
  }

  function cadPriority(item) {
    const p = item.call ? item.call.priority : null;
    return p === null || p === undefined ? 9 : p;
  }

  function pending() {
    return [...state.recs.values()]
      .filter((x) => !x.outcome && !x.superseded && (!x.call || x.call.event !== "closed"))
      .sort((a, b) => urgency(a) - urgency(b) || cadPriority(a) - cadPriority(b) || a.received - b.received);
  }

  function decided() {
    return [...state.recs.values()]
      .filter((x) => x.outcome)
      .sort((a, b) => Date.parse(b.outcome.recorded_at) - Date.parse(a.outcome.recorded_at))
      .slice(0, DECIDED_SHOWN);
  }

  // ---------------------------------------------------------------- rendering

  function scheduleRender() {
    if (state.renderQueued) return;
    state.renderQueued = true;
    requestAnimationFrame(() => { state.renderQueued = false; render(); });
  }

  function render() {
    const active = document.activeElement;
    const focusInQueue = active && active.closest && active.closest("#queue, #decided");
    const list = pending();
    if (!state.selected || !list.some((x) => x.rec.recommendation_id === state.selected)) {
      state.selected = list.length ? list[0].rec.recommendation_id : null;
    }
    renderList($("queue"), list, false);
    renderList($("decided"), decided(), true);
    $("queue-empty").hidden = list.length > 0;
    $("decided-empty").hidden = decided().length > 0;
    $("pending-count").textContent = `(${list.length} waiting)`;
    $("decided-count").textContent = `(${Math.min(decided().length, DECIDED_SHOWN)} recent)`;
    renderBoard();
    if (state.unitNews.length) {
      const news = state.unitNews.splice(0);
      announce(news.length <= 3 ? `Unit status: ${news.join("; ")}.` : `${news.length} units changed status.`);
    }
    if (focusInQueue && !document.querySelector("dialog[open]")) focusSelected();
  }

  function renderList(ol, items, isDecided) {
    const want = items.map((x) => x.rec.recommendation_id);
    const byId = new Map([...ol.children].map((li) => [li.dataset.id, li]));
    for (const [id, li] of byId) if (!want.includes(id)) li.remove();
    let prev = null;
    items.forEach((item, index) => {
      const id = item.rec.recommendation_id;
      const key = cardKey(item, index);
      let li = byId.get(id);
      if (!li || li.dataset.key !== key) {
        const fresh = h("li", { "data-id": id, "data-key": key }, card(item, index, isDecided));
        if (li) li.replaceWith(fresh); else ol.append(fresh);
        li = fresh;
      }
      const card_ = li.firstElementChild;
      const selected = !isDecided && id === state.selected;
      card_.setAttribute("tabindex", selected ? "0" : "-1");
      card_.classList.toggle("selected", selected);
      if (selected) card_.setAttribute("aria-current", "true"); else card_.removeAttribute("aria-current");
      const age = card_.querySelector(".age");
      if (age) age.textContent = ageText(item);
      const expected = prev ? prev.nextElementSibling : ol.firstElementChild;
      if (expected !== li) ol.insertBefore(li, expected);
      prev = li;
    });
  }

  function cardKey(item, index) {
    const o = item.outcome;
    return [o ? `${o.revision}` : "-", item.call ? "c" : "", index === 0 ? "first" : ""].join("|");
  }

  function reasonKind(code) {
    if (code.startsWith("screen.") && code.endsWith(".negated")) return "negated";
    if (code.startsWith("screen.")) return "evidence";
    if (WHY_NOT.some((p) => code === p || code.startsWith(p))) return "whynot";
    return "because";
  }

  function card(item, index, isDecided) {
    const { rec, call, outcome } = item;
    const u = URGENCY[urgency(item)];
    const id = rec.recommendation_id;
    const titleId = `t-${id}`;
    const flags = rec.flags || [];
    const art = h("article", {
      class: `card urg-${u.name}${outcome ? ` decided decided-${outcome.outcome}` : ""}`,
      "aria-labelledby": titleId, "data-id": id, tabindex: "-1",
    });

    const pr = call && call.priority !== null && call.priority !== undefined ? `P${call.priority} · ` : "";
    const head = h("header", { class: "card-head" },
      h("span", { class: `urgency urgency-${u.name}`, title: `${u.label} urgency` },
        h("span", { "aria-hidden": "true" }, u.icon), ` ${pr}${u.label}`),
      h("h3", { id: titleId, class: "card-title" },
        h("span", { class: "calltype" }, rec.call_type),
        h("span", { class: "incident" }, ` · incident ${rec.incident_id}${rec.seq > 1 ? ` (update ${rec.seq})` : ""}` +
          (rec.revision ? ` · revised ${rec.revision}` : ""))),
      h("span", { class: "age" }, ageText(item)));
    art.append(head);
    // The questions that stand between this call and a more preferred response come first.
    const ask = isDecided ? null : askBlock(rec);
    if (ask) art.append(ask);

    if (call && (call.address || call.zone)) {
      art.append(h("p", { class: "where" }, h("span", { class: "sr-only" }, "Location: "),
        call.address || "", call.zone ? ` (zone ${call.zone})` : ""));
    }
    if (call && call.narrative) {
      art.append(h("blockquote", { class: "narrative" }, h("span", { class: "sr-only" }, "Narrative: "), call.narrative));
    }
    if (flags.length) {
      art.append(h("ul", { class: "flags", "aria-label": "Flags" },
        flags.map((f) => h("li", { class: `flag${SAFETY_FLAGS.has(f) ? " flag-safety" : ""}` },
          h("span", { "aria-hidden": "true" }, SAFETY_FLAGS.has(f) ? "⚠ " : "• "), words(f).toUpperCase()))));
    }

    const known = knownLine(rec);
    if (known) art.append(known);

    const rows = h("div", { class: "rec" },
      h("p", { class: "rec-label" }, "Recommended"),
      h("p", { class: "rec-response" },
        h("strong", {}, responseLabel(rec.response)),
        h("span", { class: `cat cat-${rec.category}` }, words(rec.category)),
        rec.fallback ? h("span", { class: "tag tag-warn" }, "FALLBACK") : null,
        rec.degraded ? h("span", { class: "tag tag-warn" }, "DEGRADED: policy only") : null));
    art.append(rows);

    if (rec.units && rec.units.length) {
      art.append(h("ol", { class: "units", "aria-label": "Units, nearest first" },
        rec.units.map((x) => h("li", {},
          h("strong", {}, x.unit_id), ` ${words(x.type)} — `,
          h("span", { class: "eta" }, `ETA ${eta(x.eta_s)}`), ` · ${km(x.distance_m)}`))));
    } else {
      art.append(h("p", { class: "units none" }, rec.degraded ? "No live unit data (degraded)." : "No unit offered."));
    }

    const because = [];
    const whynot = [];
    for (const r of rec.reasons || []) {
      const kind = reasonKind(r.code);
      const li = h("li", { class: `reason reason-${kind}`, "data-code": r.code },
        kind === "whynot" ? h("span", { class: "why-icon", "aria-hidden": "true" }, "✕ ") : null,
        kind === "evidence" ? h("span", { class: "why-icon", "aria-hidden": "true" }, "⚠ ") : null,
        r.text, r.phrase ? h("q", {}, r.phrase) : null,
        h("code", {}, r.code));
      (kind === "whynot" ? whynot : because).push(li);
    }
    if (whynot.length) {
      art.append(h("div", { class: "whynot" }, h("p", { class: "section-label" }, "Not chosen — why"),
        h("ul", {}, whynot)));
    }
    if (because.length) {
      art.append(h("details", { class: "because", open: index === 0 && !isDecided },
        h("summary", {}, `Reasons (${because.length})`), h("ul", {}, because)));
    }
    if (rec.alternatives && rec.alternatives.length) {
      art.append(h("p", { class: "alts" }, h("span", { class: "section-label" }, "Alternatives: "),
        rec.alternatives.map((a, i) => `${i ? "; " : ""}${responseLabel(a.response)}` +
          (a.units.length ? ` (${a.units[0].unit_id}, ETA ${eta(a.units[0].eta_s)})` : " (no unit)")).join("")));
    }

    if (outcome) {
      const accepted = outcome.outcome === "accepted";
      art.append(h("p", { class: `outcome outcome-${outcome.outcome}`, role: "note" },
        h("span", { "aria-hidden": "true" }, accepted ? "✓ " : "↷ "),
        h("strong", {}, accepted ? "ACCEPTED" : "OVERRIDDEN"),
        accepted ? ` — ${responseLabel(outcome.response)}` :
          ` → ${responseLabel(outcome.response)}${outcome.units.length ? ` (${outcome.units.join(", ")})` : ""}` +
          ` · ${reasonLabel(outcome.reason)}${outcome.note ? `: “${outcome.note}”` : ""}`,
        outcome.revision > 1 ? ` (correction ${outcome.revision})` : ""));
    }

    const actions = h("div", { class: "actions" },
      h("button", { type: "button", class: "btn btn-accept", "data-action": "accept",
                    "aria-keyshortcuts": "A" }, h("kbd", { "aria-hidden": "true" }, "A"),
        outcome ? " Accept instead" : " Accept"),
      h("button", { type: "button", class: "btn btn-override", "data-action": "override",
                    "aria-keyshortcuts": "O" }, h("kbd", { "aria-hidden": "true" }, "O"),
        outcome ? " Correct / override" : " Override"));
    art.append(actions);
    return art;
  }

  function reasonLabel(code) {
    const r = state.config && state.config.override_reasons.find((x) => x.code === code);
    return r ? r.label : words(code);
  }

  function renderBoard() {
    const board = $("board");
    const byType = new Map();
    for (const u of state.units.values()) {
      if (!byType.has(u.type)) byType.set(u.type, []);
      byType.get(u.type).push(u);
    }
    $("unit-count").textContent = `(${state.units.size} units)`;
    const types = [...byType.keys()].sort();
    board.replaceChildren(...types.map((type) => {
      const units = byType.get(type).sort((a, b) =>
        STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.unit_id.localeCompare(b.unit_id,
          undefined, { numeric: true }));
      const counts = {};
      for (const u of units) counts[u.status] = (counts[u.status] || 0) + 1;
      const avail = counts.available || 0;
      const gid = `type-${type}`;
      return h("section", { class: `unit-type${avail === 0 ? " none-available" : ""}`, "aria-labelledby": gid,
                            "data-type": type },
        h("h3", { id: gid },
          h("span", {}, h("span", { class: "type-code" }, words(type).toUpperCase()), ` ${unitTypeLabel(type)}`),
          h("span", { class: "avail" }, `${avail} of ${units.length} available`,
            avail === 0 ? h("span", { class: "tag tag-warn" }, "NONE FREE") : null)),
        h("ul", { class: "counts", "aria-label": `${words(type)} units by status` },
          STATUS_ORDER.filter((s) => counts[s]).map((s) =>
            h("li", { class: `st st-${STATUS[s].group}` }, `${STATUS[s].icon} ${STATUS[s].label}: ${counts[s]}`))),
        h("ul", { class: "unit-list" }, units.map((u) => {
          const st = STATUS[u.status] || { label: words(u.status), abbr: u.status.slice(0, 3).toUpperCase(),
                                           icon: "?", group: "other" };
          const changed = Date.now() - (state.boardChanged.get(u.unit_id) || 0) < CHANGED_MS;
          return h("li", { class: `unit st-${st.group}${u.stale ? " stale" : ""}${changed ? " changed" : ""}`,
                           "data-unit": u.unit_id, "data-status": u.status, title: st.label },
            h("span", { class: "unit-id" }, u.unit_id),
            h("span", { class: "unit-status" }, h("span", { "aria-hidden": "true" }, `${st.icon} ${st.abbr}`),
              h("span", { class: "sr-only" }, st.label)),
            changed ? h("span", { class: "tag tag-new" }, "NEW") : null,
            u.stale ? h("span", { class: "tag tag-stale", title: `last report ${ago(u.reported_ms)}` },
              `STALE ${ago(u.reported_ms)}`) : null);
        })));
    }));
    if (!types.length) board.append(h("p", { class: "empty" }, "No unit has reported yet."));
    for (const [id, at] of state.boardChanged) {
      if (Date.now() - at >= CHANGED_MS) state.boardChanged.delete(id);
    }
    if (state.boardChanged.size) setTimeout(scheduleRender, 1000);
  }

  // ---------------------------------------------------------------- actions

  function selectedItem() {
    return state.selected ? state.recs.get(state.selected) : null;
  }

  function focusSelected() {
    const el = state.selected && document.querySelector(`#queue .card[data-id="${state.selected}"]`);
    if (el) el.focus({ preventScroll: false });
  }

  function move(delta, jump) {
    const list = pending();
    if (!list.length) return;
    const inQueue = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest("#queue .card");
    if (!jump && !inQueue && list.some((x) => x.rec.recommendation_id === state.selected)) {
      focusSelected(); // the first key press brings focus to the queue without skipping a card
      return;
    }
    let i = list.findIndex((x) => x.rec.recommendation_id === state.selected);
    i = Math.max(0, Math.min(list.length - 1, (i < 0 ? 0 : i + delta)));
    state.selected = list[i].rec.recommendation_id;
    render();
    focusSelected();
  }

  function itemOf(el) {
    const cardEl = el && el.closest && el.closest(".card");
    return cardEl ? state.recs.get(cardEl.dataset.id) : selectedItem();
  }

  async function accept(item) {
    if (!item) return;
    const id = item.rec.recommendation_id;
    notice("");
    const r = await api("POST", `/v1/recommendations/${id}/outcome`, { outcome: "accepted" });
    if (!r.ok) { notice(`Accept failed: ${problemText(r)}`); return; }
    item.outcome = r.data;
    announce(`Accepted: ${responseLabel(item.rec.response)} for ${item.rec.call_type}.`);
    const list = pending();
    state.selected = list.length ? list[0].rec.recommendation_id : null;
    render();
    focusSelected();
  }

  function openOverride(item) {
    if (!item) return;
    const { rec } = item;
    state.dialogFor = rec.recommendation_id;
    $("override-title").textContent = `Override: ${rec.call_type} · incident ${rec.incident_id}`;
    $("override-summary").textContent = `Recommended ${responseLabel(rec.response)}` +
      (rec.units.length ? ` with ${rec.units.map((u) => `${u.unit_id} (ETA ${eta(u.eta_s)})`).join(", ")}` : "") + ".";
    const select = $("override-response");
    const options = [...state.config.responses];
    // Offer the alternatives first: they are what the policy would send next.
    const altNames = (rec.alternatives || []).map((a) => a.response);
    options.sort((a, b) => (altNames.includes(b.name) - altNames.includes(a.name)));
    select.replaceChildren(...options.map((r) => h("option", { value: r.name },
      `${r.label} (${words(r.category)})${r.name === rec.response ? " — recommended" : ""}` +
      `${altNames.includes(r.name) ? " — alternative" : ""}`)));
    const firstOther = options.find((r) => r.name !== rec.response);
    select.value = firstOther ? firstOther.name : rec.response;
    $("override-units").value = "";
    updateUnitHint();
    $("override-reasons").replaceChildren(...state.config.override_reasons.map((r, i) =>
      h("div", { class: "radio" },
        h("input", { type: "radio", name: "override-reason", id: `reason-${r.code}`, value: r.code }),
        h("label", { for: `reason-${r.code}` }, h("kbd", {}, String(i + 1)), ` ${r.label}`))));
    $("override-note").value = "";
    $("override-error").textContent = "";
    $("override").showModal();
    select.focus();
  }

  function updateUnitHint() {
    const item = state.dialogFor && state.recs.get(state.dialogFor);
    if (!item) return;
    const name = $("override-response").value;
    const alt = (item.rec.alternatives || []).find((a) => a.response === name);
    const offered = name === item.rec.response ? item.rec.units : alt ? alt.units : [];
    const resp = state.config.responses.find((r) => r.name === name);
    let hint = offered.length ? `Nearest ${responseLabel(name)} units: ` +
      offered.map((u) => `${u.unit_id} (ETA ${eta(u.eta_s)})`).join(", ") : "";
    if (!hint && resp) {
      const free = [...state.units.values()].filter((u) => resp.unit_types.includes(u.type) && u.status === "available");
      hint = free.length ? `Available ${responseLabel(name)} units: ${free.slice(0, 6).map((u) => u.unit_id).join(", ")}`
        : `No ${responseLabel(name)} unit is shown available.`;
    }
    $("override-units-hint").textContent = hint;
  }

  function closeOverride() {
    const id = state.dialogFor;
    state.dialogFor = null;
    if ($("override").open) $("override").close();
    const el = id && document.querySelector(`.card[data-id="${id}"]`);
    if (el && el.closest("#queue")) el.focus(); else focusSelected();
  }

  async function submitOverride() {
    const item = state.dialogFor && state.recs.get(state.dialogFor);
    if (!item) return;
    const reason = document.querySelector('input[name="override-reason"]:checked');
    const units = $("override-units").value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const body = { outcome: "overridden", response: $("override-response").value, units,
                   reason: reason ? reason.value : null, note: $("override-note").value.trim() };
    if (!body.reason) { $("override-error").textContent = "Choose a reason (keys 1–6)."; return; }
    if (body.reason === "other" && !body.note) { $("override-error").textContent = "Add a note for “Other”."; return; }
    $("override-confirm").disabled = true;
    const r = await api("POST", `/v1/recommendations/${item.rec.recommendation_id}/outcome`, body);
    $("override-confirm").disabled = false;
    if (!r.ok) { $("override-error").textContent = problemText(r); return; }
    item.outcome = r.data;
    announce(`Override recorded: ${responseLabel(body.response)} instead of ${responseLabel(item.rec.response)}.`);
    const list = pending();
    state.selected = list.length ? list[0].rec.recommendation_id : null;
    closeOverride();
    render();
    focusSelected();
  }

  // ---------------------------------------------------------------- events

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
                  el.isContentEditable);
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const dialog = $("override");
    if (dialog.open) {
      if (e.key === "Escape") { e.preventDefault(); closeOverride(); return; }
      if (e.key === "Enter" && !(e.target.tagName === "TEXTAREA" && e.shiftKey) && e.target.tagName !== "BUTTON") {
        e.preventDefault(); submitOverride(); return;
      }
      const textEntry = e.target.tagName === "TEXTAREA" || (e.target.tagName === "INPUT" && e.target.type === "text");
      if (/^[1-9]$/.test(e.key) && !textEntry) {
        const radios = document.querySelectorAll('input[name="override-reason"]');
        const r = radios[Number(e.key) - 1];
        if (r) { r.checked = true; r.focus(); e.preventDefault(); }
      }
      return;
    }
    if ($("app").hidden || typing(e.target)) return;
    const k = e.key;
    if (k === "j" || k === "J" || k === "ArrowDown") { e.preventDefault(); move(1); }
    else if (k === "k" || k === "K" || k === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (k === "a" || k === "A") {
      if (document.body.classList.contains("read-only")) return;
      e.preventDefault(); accept(itemOf(document.activeElement));
    } else if (k === "o" || k === "O") {
      if (document.body.classList.contains("read-only")) return;
      e.preventDefault(); openOverride(itemOf(document.activeElement));
    } else if (k === "Home") { e.preventDefault(); move(-1e6, true); }
    else if (k === "End") { e.preventDefault(); move(1e6, true); }
  }

  function onClick(e) {
    const btn = e.target.closest && e.target.closest("button[data-action]");
    if (!btn) {
      const c = e.target.closest && e.target.closest("#queue .card");
      if (c) { state.selected = c.dataset.id; render(); }
      return;
    }
    const item = itemOf(btn);
    if (btn.dataset.action === "accept") accept(item);
    else if (btn.dataset.action === "answer") answer(item, btn.dataset.question, btn.dataset.value === "yes");
    else openOverride(item);
  }

  function tick() {
    const now = new Date();
    $("clock").textContent = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit",
                                                          hourCycle: "h23" });
    for (const li of document.querySelectorAll("#queue li, #decided li")) {
      const item = state.recs.get(li.dataset.id);
      const age = li.querySelector(".age");
      if (item && age) age.textContent = ageText(item);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("signin-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const key = $("signin-key").value.trim();
      if (!key) { $("signin-error").textContent = "Enter the console key."; return; }
      $("signin-error").textContent = "Checking…";
      const err = await signIn(key);
      if (err) { state.key = null; $("signin-error").textContent = err; $("signin-key").select(); }
      else $("signin-key").value = "";
    });
    $("signout").addEventListener("click", signOut);
    $("override-form").addEventListener("submit", (e) => { e.preventDefault(); submitOverride(); });
    $("override-cancel").addEventListener("click", closeOverride);
    $("override-response").addEventListener("change", updateUnitHint);
    $("override").addEventListener("cancel", (e) => { e.preventDefault(); closeOverride(); });
    $("queue").addEventListener("click", onClick);
    $("decided").addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    setInterval(tick, 1000);
    tick();
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) {
      signIn(key).then((err) => { if (err) showSignin(err); });
    } else {
      showSignin("");
    }
  });
})();
