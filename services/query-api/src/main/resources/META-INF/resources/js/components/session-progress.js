/**
 * The live progress of a sync session: follows GET /sync-sessions/{id}/events (server-sent events) and shows
 * status, progress and the per-instance records until the session ends. When the stream cannot be opened it
 * falls back to asking for the session every few seconds. The card's data-status is the shown status and its
 * data-session-id the session; its parts have ids derived from the card's ({id}-bar, -counts, -records).
 */
import { sessions } from '../api/whalefall.js';
import { fill, h, icon } from '../util/dom.js';
import { formatCount, formatDateTime, formatDuration } from '../util/format.js';
import { TERMINAL, statusBadge } from './status-badge.js';

const POLL_MS = 2000;
/** After a run has ended, its last records' events may still be on their way: asked for this many times more. */
const SETTLE_POLLS = 15;
const SYNC_TYPES = { manual_task: 'manual', scheduled_task: 'scheduled', external: 'external' };

/** A progress card for one session at a time. */
export class SessionProgress {
  #source = null;
  #poll = null;
  #sessionId = null;
  #last = null;
  /** Increases whenever following stops, so that a poll still on its way knows it is no longer wanted. */
  #generation = 0;
  #onEnd;
  #id;
  #header;
  #bar;
  #counts;
  #records;

  /**
   * {@code id}: the card's id (a page may hold two cards); {@code title}: its heading; {@code onEnd(session)} runs
   * once when a followed session reaches a terminal status.
   */
  constructor(id, title, onEnd = () => {}) {
    this.#id = id;
    this.#onEnd = onEnd;
    this.#header = h('div', { class: 'd-flex flex-wrap gap-2 align-items-center mb-2' });
    this.#bar = h('div', { class: 'progress-bar', style: { width: '0%' } });
    // only the counts line is announced: re-reading the whole card on every snapshot would drown a screen reader
    this.#counts = h('p', { class: 'small text-body-secondary mb-2', id: `${id}-counts`, 'aria-live': 'polite' });
    this.#records = h('div', { class: 'table-responsive table-scroll' });
    this.element = h('section', { class: 'card shadow-sm session-progress', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'card-body' },
      h('h2', { class: 'h6', id: `${id}-title` }, icon('activity', 'me-2'), title),
      this.#header,
      h('div', { class: 'progress mb-2', role: 'progressbar', 'aria-label': 'Session progress', 'aria-valuemin': 0,
        'aria-valuemax': 100, 'aria-valuenow': 0, id: `${id}-bar` }, this.#bar),
      this.#counts, this.#records));
  }

  /**
   * Follows session {@code id} live until it ends. {@code current}: its snapshot if the page has one; until the
   * stream delivers one, the session shows as queued.
   */
  follow(id, current = null) {
    this.stop();
    this.#sessionId = id;
    this.#last = current;
    this.element.dataset.sessionId = id;
    this.#render(current ?? { session_id: id, status: 'queued', progress: 0, total_instances: 0 });
    const source = new EventSource(sessions.eventsUrl(id));
    this.#source = source;
    source.addEventListener('session', (event) => this.#apply(JSON.parse(event.data)));
    source.addEventListener('end', (event) => {
      source.close();
      const end = JSON.parse(event.data);
      if (this.#last && this.#last.status === end.status) {
        this.#finish(this.#last);
      } else {
        // ended before a snapshot reached this page: ask for the final one
        this.#source = null;
        this.#pollUntilEnd();
      }
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself (with Last-Event-ID); CLOSED: it gave up
      if (source.readyState === EventSource.CLOSED && this.#source === source) {
        this.#source = null;
        this.#pollUntilEnd();
      }
    });
  }

  /** Shows an ended session (its records are still asked for while some are on their way). */
  show(session) {
    this.stop();
    this.#sessionId = session.session_id;
    this.#last = session;
    this.element.dataset.sessionId = session.session_id;
    this.#render(session);
    if (!allRecordsEnded(session)) {
      this.#settle(session.session_id, SETTLE_POLLS);
    }
  }

  /** Stops following. */
  stop() {
    this.#generation += 1;
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#poll);
    this.#poll = null;
  }

  #apply(session) {
    if (session.session_id !== this.#sessionId) {
      return;
    }
    this.#last = session;
    this.#render(session);
  }

  #finish(session) {
    this.stop();
    this.#render(session);
    this.#onEnd(session);
    if (!allRecordsEnded(session)) {
      // session-tracking ends a run on AggregationFinished, which may overtake the last per-instance events;
      // the stream closes at the end, so the records that are still changing are asked for a little longer
      this.#settle(session.session_id, SETTLE_POLLS);
    }
  }

  #settle(id, remaining) {
    const generation = this.#generation;
    this.#poll = setTimeout(async () => {
      try {
        const { data } = await sessions.get(id);
        if (this.#generation !== generation) {
          return;
        }
        this.#apply(data);
        if (allRecordsEnded(data)) {
          return;
        }
      } catch {
        // a passing failure: the next try may succeed
      }
      if (this.#generation === generation && remaining > 1) {
        this.#settle(id, remaining - 1);
      }
    }, POLL_MS / 2);
  }

  #pollUntilEnd() {
    const id = this.#sessionId;
    const generation = this.#generation;
    const ask = async () => {
      try {
        const { data } = await sessions.get(id);
        if (this.#generation !== generation) {
          return;
        }
        this.#apply(data);
        if (TERMINAL.has(data.status)) {
          this.#finish(data);
          return;
        }
      } catch {
        // not there yet (404 until its first snapshot) or a passing failure: ask again
      }
      if (this.#generation === generation) {
        this.#poll = setTimeout(ask, POLL_MS);
      }
    };
    ask();
  }

  #render(session) {
    const status = session.status ?? 'queued';
    this.element.dataset.status = status;
    const progress = Math.max(0, Math.min(100, Number(session.progress ?? 0)));
    fill(this.#header, statusBadge(status),
      h('code', { class: 'small', title: session.session_id }, session.session_id),
      session.sync_type ? h('span', { class: 'small text-body-secondary' },
        `${SYNC_TYPES[session.sync_type] ?? session.sync_type} run`
        + (session.created_by ? ` by ${session.created_by}` : '')
        + (session.period_types?.length ? ` · ${session.period_types.join(', ')}` : '')) : null);
    this.#bar.style.width = `${progress}%`;
    this.#bar.className = `progress-bar ${barStyle(status)}`;
    fill(this.#bar, `${progress} %`);
    const bar = this.element.querySelector(`#${this.#id}-bar`);
    bar.setAttribute('aria-valuenow', String(progress));
    fill(this.#counts, countsText(session));
    fill(this.#records, session.records?.length ? recordsTable(`${this.#id}-records`, session.records) : null);
  }
}

function allRecordsEnded(session) {
  return session.successful_instances + session.failed_instances + session.skipped_instances >= session.total_instances;
}

function barStyle(status) {
  if (status === 'completed') {
    return 'bg-success';
  }
  if (status === 'failed') {
    return 'bg-danger';
  }
  if (status === 'cancelled') {
    return 'bg-warning';
  }
  return 'progress-bar-striped progress-bar-animated';
}

function countsText(session) {
  if (session.status === 'queued') {
    return 'Queued: waiting for the aggregation service to start the run…';
  }
  const done = session.successful_instances + session.failed_instances + session.skipped_instances;
  const parts = [`${formatCount(done)} of ${formatCount(session.total_instances)} instances done`,
    `${formatCount(session.failed_instances)} failed`, `${formatCount(session.skipped_instances)} skipped`];
  if (session.started_at) {
    parts.push(`started ${formatDateTime(session.started_at)}`);
  }
  if (session.completed_at) {
    parts.push(`took ${formatDuration(session.started_at, session.completed_at)}`);
  }
  return parts.join(' · ') + (session.error_message ? ` — ${session.error_message}` : '');
}

function recordsTable(id, records) {
  return h('table', { class: 'table table-sm small mb-0', id },
    h('caption', { class: 'visually-hidden' }, 'Instances of the session'),
    h('thead', {}, h('tr', {}, ['Instance', 'Status', 'Rows written', 'Periods', 'Note'].map((label) =>
      h('th', { scope: 'col' }, label)))),
    h('tbody', {}, records.map((record) => h('tr', { dataset: { instanceId: record.instance_id } },
      h('td', {}, record.instance_name ?? `Instance ${record.instance_id}`),
      h('td', {}, statusBadge(record.status)),
      h('td', {}, formatCount(record.items_synced)),
      h('td', {}, periodsText(record)),
      h('td', { class: record.status === 'failed' ? 'text-danger' : 'text-body-secondary' }, record.error_message ?? '')))));
}

/** The periods a record reported and, when there are any, how many of them were already aggregated (skipped). */
function periodsText(record) {
  const periods = formatCount(record.periods ?? 0);
  return record.periods_skipped > 0 ? `${periods} (${formatCount(record.periods_skipped)} skipped)` : periods;
}
