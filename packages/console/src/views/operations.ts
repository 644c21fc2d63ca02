import type { CircuitItem, RateBucketItem, ScheduleItem } from "@dossier/core/store";
import { html } from "hono/html";
import { nextFire } from "../model/schedules";
import type { DeadLetterView } from "../sources";
import { badge, formatMs, formatTime, type Html } from "./format";

export interface OperationsData {
  /** True where schedules are the local runtime's, stored in its table (not EventBridge Scheduler). */
  manageSchedules: boolean;
  /** Undefined when the console does not run beside the bus that keeps them. */
  deadLetters: DeadLetterView[] | undefined;
  schedules: ScheduleItem[];
  circuits: CircuitItem[];
  rateBuckets: RateBucketItem[];
  now: number;
}

function deadLetters(letters: DeadLetterView[] | undefined): Html {
  if (letters === undefined) {
    return html`<p class="empty">Dead letters live in the process that runs the bus: open the console from <code>dossier dev</code> to see and redrive them (<code>dossier dlq list</code> otherwise).</p>`;
  }
  if (letters.length === 0) return html`<p class="empty">No dead letters.</p>`;
  return html`<table class="dead-letters">
<thead><tr><th>dead-lettered</th><th>rule</th><th>event</th><th>about</th><th>attempts</th><th>error</th><th></th></tr></thead>
<tbody>${letters.map(
    (letter) => html`<tr data-letter="${letter.id}">
<td>${letter.deadLetteredAt}</td><td>${letter.ruleName}</td><td>${letter.detailType} <span class="note">${letter.source}</span></td>
<td>${letter.subject ? html`<a href="/runs/${encodeURIComponent(letter.subject)}">${letter.subject}</a>` : "–"}</td>
<td>${letter.attempts}</td><td class="error">${letter.error}</td>
<td><button type="button" hx-post="/operations/dead-letters/${encodeURIComponent(letter.id)}/redrive" hx-target="#operations-message" hx-swap="innerHTML">redrive</button></td>
</tr>`,
  )}</tbody>
</table>`;
}

/**
 * What an action did. It sits outside the live region, which re-renders itself from the live
 * stream (the redriven letter leaves the list), so the message stays until the next action.
 */
export function operationsMessage(message = ""): Html {
  return html`<div id="operations-message" role="status">${message ? html`<p class="message">${message}</p>` : ""}</div>`;
}

export function operationsBody(data: OperationsData): Html {
  return html`<h2>Dead letters</h2>
${deadLetters(data.deadLetters)}
<h2>Schedules</h2>
${
  data.schedules.length === 0
    ? html`<p class="empty">No schedules (<code>dossier schedule create</code>).</p>`
    : html`<table class="schedules"><thead><tr><th>name</th><th>expression</th><th>time zone</th><th>companies</th><th>enabled</th><th>last fired</th><th>next</th>${data.manageSchedules ? html`<th></th>` : ""}</tr></thead>
<tbody>${data.schedules.map(
        (
          schedule,
        ) => html`<tr data-schedule="${schedule.name}"><td>${schedule.name}</td><td><code>${schedule.expression}</code></td><td>${schedule.timezone}</td>
<td>${schedule.companies.length}</td><td>${schedule.enabled ? "yes" : "no"}</td><td>${formatTime(schedule.lastFiredAt)}</td><td>${formatTime(nextFire(schedule, new Date(data.now)))}</td>
${data.manageSchedules ? html`<td><button type="button" hx-post="/operations/schedules/${encodeURIComponent(schedule.name)}/delete" hx-target="#operations-message" hx-swap="innerHTML">delete</button></td>` : ""}</tr>`,
      )}</tbody></table>`
}
<h2>Circuits</h2>
${
  data.circuits.length === 0
    ? html`<p class="empty">Every upstream's circuit is closed (none has failed yet).</p>`
    : html`<table class="circuits"><thead><tr><th>upstream</th><th>state</th><th>recent failures</th><th>opened</th></tr></thead>
<tbody>${data.circuits.map(
        (circuit) =>
          html`<tr><td>${circuit.upstream}</td><td>${badge(circuit.state)}</td><td>${circuit.failures.length}</td><td>${formatTime(circuit.openedAt)}</td></tr>`,
      )}</tbody></table>`
}
<h2>Rate limits</h2>
${
  data.rateBuckets.length === 0
    ? html`<p class="empty">No shared rate bucket has been used yet.</p>`
    : html`<table class="rate-buckets"><thead><tr><th>upstream</th><th>next free slot</th></tr></thead>
<tbody>${data.rateBuckets.map(
        (bucket) =>
          html`<tr><td>${bucket.upstream}</td><td>${bucket.tat <= data.now ? "now" : `in ${formatMs(bucket.tat - data.now)}`}</td></tr>`,
      )}</tbody></table>`
}`;
}

/**
 * The form that adds a schedule. It stays outside the live region, which re-renders from the live
 * stream and would otherwise wipe what is being typed.
 */
export function scheduleForm(): Html {
  return html`<h2>New schedule</h2>
<form class="schedule-form" hx-post="/operations/schedules" hx-target="#operations-message" hx-swap="innerHTML">
<label>name <input name="name" required placeholder="weekly-watchlist"></label>
<label>expression <input name="expression" required placeholder="cron(0 6 ? * MON *)"></label>
<label>time zone <input name="timezone" value="UTC"></label>
<fieldset><legend>parts</legend>
<label><input type="checkbox" name="parts" value="sec" checked> sec</label>
<label><input type="checkbox" name="parts" value="leadership" checked> leadership</label>
</fieldset>
<label class="wide">companies <textarea name="companies" rows="4" required placeholder="one per line: a ticker (AAPL), a CIK (320193) or a name; a website after a space"></textarea></label>
<button type="submit">create schedule</button>
</form>`;
}

/** Replays a window of the archive; like the schedule form, it stays outside the live region. */
export function replayForm(): Html {
  return html`<h2>Replay from the archive</h2>
<form class="replay-form" hx-post="/operations/replay" hx-target="#operations-message" hx-swap="innerHTML">
<label>from <input name="from" required placeholder="2026-11-22T08:00:00Z"></label>
<label>to <input name="to" required placeholder="2026-11-22T09:00:00Z"></label>
<button type="submit">replay</button>
<p class="note">Every rule gets the archived events whose time is in [from, to) again; the handlers are idempotent, so finished runs are not redone.</p>
</form>`;
}
