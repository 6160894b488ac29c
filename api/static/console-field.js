/* dispatch-assist console: the field-outcome panel (issue 21), kept apart from console.js.
 *
 * A decided card gets a "Field" button (key F on a focused card): a dialog records what happened in
 * the field — arrival and assignment times, police backup (and why), a safety incident, the
 * disposition, whether the person was connected to care, and a transfer's result — through
 * POST /v1/recommendations/{id}/field. It opens with the current record (GET), so a correction hours
 * later starts from what is stored. "Not known" is sent as nothing, never as "no".
 * Reads the console key from the same sessionStorage entry as console.js; builds the page with
 * textContent only.
 */
"use strict";

(() => {
  const KEY_STORE = "dispatch-assist.console-key";
  // The API's codes (service/programs/field.py, also in the OpenAPI document) and their labels.
  const CHOICES = {
    "field-backup-reason": { weapon: "Weapon", violence: "Violence or threat to the team", medical: "Medical emergency",
                             crime: "Crime in progress", scene_unsafe: "Scene unsafe", other: "Other (note)" },
    "field-incident-kind": { staff_injured: "Team member injured", person_injured: "Person or bystander injured",
                             threat: "Threat or assault, no injury", other: "Other (note)" },
    "field-disposition": { resolved_on_scene: "Resolved on scene", referred: "Referred to services",
                           transported_to_care: "Transported to care", transported_to_hospital: "Transported to hospital",
                           refused_services: "Refused services", gone_on_arrival: "Gone on arrival",
                           police_took_over: "Handed to police", cancelled: "Cancelled before arrival",
                           other: "Other (note)" },
    "field-transfer-to": { 988: "988 crisis line", 311: "311", nurse_line: "Nurse line", other: "Other line" },
    "field-transfer-result": { completed: "Completed", declined: "Declined by caller",
                               callback_needed: "Callback needed", failed: "Failed" },
  };
  const records = new Map(); // recommendation_id -> the field record last read or written here
  let openFor = null;
  const $ = (id) => document.getElementById(id);

  async function api(method, path, body) {
    const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY_STORE) || ""}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, cache: "no-store",
                                    body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    return { status: res.status, ok: res.ok, data };
  }

  function option(select, value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.append(o);
  }

  function toLocalInput(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function triState(v) { return v === true ? "yes" : v === false ? "no" : ""; }

  function summary(r) {
    const parts = [];
    if (r.arrived_at) parts.push(`arrived ${new Date(r.arrived_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`);
    if (r.backup_requested) parts.push(`BACKUP (${r.backup_reason})`);
    if (r.safety_incident) parts.push(`SAFETY INCIDENT (${r.incident_kind})`);
    if (r.disposition) parts.push(CHOICES["field-disposition"][r.disposition] || r.disposition);
    if (r.connected_to_care === true) parts.push("connected to care");
    if (r.transfer) parts.push(`transfer ${r.transfer.to}: ${r.transfer.result}`);
    return `Field: ${parts.join(" · ") || "recorded"}${r.revision > 1 ? ` (revision ${r.revision})` : ""}`;
  }

  // Decided cards are rebuilt by console.js on every render: add the button (and the summary) back.
  function decorate() {
    for (const li of document.querySelectorAll("#decided li[data-id]")) {
      const actions = li.querySelector(".actions");
      if (actions && !actions.querySelector("[data-field]")) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "btn btn-field";
        b.dataset.field = li.dataset.id;
        b.setAttribute("aria-keyshortcuts", "F");
        const k = document.createElement("kbd");
        k.setAttribute("aria-hidden", "true");
        k.textContent = "F";
        b.append(k, " Field");
        actions.append(b);
      }
      const r = records.get(li.dataset.id);
      if (r && !li.querySelector(".field-summary")) {
        const p = document.createElement("p");
        p.className = `field-summary${r.backup_requested || r.safety_incident ? " field-alert" : ""}`;
        p.setAttribute("role", "note");
        p.textContent = summary(r);
        (actions || li).before(p);
      }
    }
  }

  async function open(id) {
    openFor = id;
    const dialog = $("field-dialog");
    $("field-form").reset();
    $("field-error").textContent = "Loading…";
    $("field-summary").textContent = `Recommendation ${id}`;
    dialog.showModal();
    const r = await api("GET", `/v1/recommendations/${id}/field`);
    $("field-error").textContent = r.ok || r.status === 404 ? "" : `Could not read the record (HTTP ${r.status}).`;
    const rec = r.ok ? r.data : null;
    if (rec) records.set(id, rec);
    $("field-arrived").value = toLocalInput(rec && rec.arrived_at);
    $("field-assigned").value = toLocalInput(rec && rec.assigned_at);
    $("field-backup").value = triState(rec && rec.backup_requested);
    $("field-backup-reason").value = (rec && rec.backup_reason) || "";
    $("field-incident").value = triState(rec && rec.safety_incident);
    $("field-incident-kind").value = (rec && rec.incident_kind) || "";
    $("field-disposition").value = (rec && rec.disposition) || "";
    $("field-care").value = triState(rec && rec.connected_to_care);
    $("field-transfer-to").value = (rec && rec.transfer && rec.transfer.to) || "";
    $("field-transfer-result").value = (rec && rec.transfer && rec.transfer.result) || "";
    $("field-note").value = (rec && rec.note) || "";
    if (rec) $("field-summary").textContent = summary(rec);
    $("field-arrived").focus();
  }

  function body() {
    const b = {};
    const time = (id) => { const v = $(id).value; return v ? new Date(v).toISOString() : null; };
    const yes = (id) => ($(id).value === "" ? null : $(id).value === "yes");
    const set = (k, v) => { if (v !== null && v !== "") b[k] = v; };
    set("arrived_at", time("field-arrived"));
    set("assigned_at", time("field-assigned"));
    set("backup_requested", yes("field-backup"));
    set("backup_reason", $("field-backup-reason").value);
    set("safety_incident", yes("field-incident"));
    set("incident_kind", $("field-incident-kind").value);
    set("disposition", $("field-disposition").value);
    set("connected_to_care", yes("field-care"));
    const to = $("field-transfer-to").value;
    const result = $("field-transfer-result").value;
    if (to || result) b.transfer = { to, result };
    set("note", $("field-note").value.trim());
    return b;
  }

  async function submit() {
    if (!openFor) return;
    const id = openFor;
    $("field-error").textContent = "Saving…";
    const r = await api("POST", `/v1/recommendations/${id}/field`, body());
    if (!r.ok) {
      const errs = r.data && Array.isArray(r.data.errors) && r.data.errors.length
        ? r.data.errors.map((e) => `${e.field}: ${e.message}`).join("; ")
        : (r.data && (r.data.detail || r.data.title)) || `HTTP ${r.status}`;
      $("field-error").textContent = `Not saved — ${errs}`;
      return;
    }
    records.set(id, r.data);
    for (const p of document.querySelectorAll(`#decided li[data-id="${CSS.escape(id)}"] .field-summary`)) p.remove();
    close();
    decorate();
    $("announce").textContent = `Field record saved. ${summary(r.data)}`;
  }

  function close() {
    openFor = null;
    if ($("field-dialog").open) $("field-dialog").close();
    $("field-error").textContent = "";
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const [id, choices] of Object.entries(CHOICES)) {
      const select = $(id);
      option(select, "", id === "field-transfer-to" ? "No transfer" : "—");
      for (const [value, label] of Object.entries(choices)) option(select, value, label);
    }
    for (const id of ["field-backup", "field-incident", "field-care"]) {
      for (const [value, label] of [["", "Not known"], ["no", "No"], ["yes", "Yes"]]) option($(id), value, label);
    }
    new MutationObserver(decorate).observe($("decided"), { childList: true, subtree: true });
    decorate();
    $("decided").addEventListener("click", (e) => {
      const b = e.target.closest && e.target.closest("button[data-field]");
      if (b) { e.stopPropagation(); open(b.dataset.field); }
    }, true);
    document.addEventListener("keydown", (e) => {
      if ((e.key !== "f" && e.key !== "F") || e.ctrlKey || e.metaKey || e.altKey) return;
      if ($("field-dialog").open || $("override").open) return;
      const li = document.activeElement && document.activeElement.closest && document.activeElement.closest("#decided li[data-id]");
      if (li) { e.preventDefault(); open(li.dataset.id); }
    });
    const dialog = $("field-dialog");
    // Keys typed in this dialog are its own: the console's shortcuts (A, O, J, K) must not see them.
    dialog.addEventListener("keydown", (e) => e.stopPropagation());
    dialog.addEventListener("cancel", (e) => { e.preventDefault(); close(); });
    $("field-form").addEventListener("submit", (e) => { e.preventDefault(); submit(); });
    $("field-cancel").addEventListener("click", close);
    $("field-now").addEventListener("click", () => { $("field-arrived").value = toLocalInput(new Date().toISOString()); });
  });
})();
