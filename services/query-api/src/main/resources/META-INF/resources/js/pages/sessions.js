/**
 * The sync sessions page: every aggregation run, most recent first, filtered by status, type and day; the
 * chosen session's per-instance records, followed live while it runs; and "aggregate now".
 */
import { sessions } from '../api/whalefall.js';
import { AggregateNow } from '../components/aggregate-now.js';
import { DataTable } from '../components/data-table.js';
import { SessionProgress } from '../components/session-progress.js';
import { startShell } from '../components/shell.js';
import { TERMINAL, statusBadge } from '../components/status-badge.js';
import { emptyBlock } from '../components/view-state.js';
import { fill, h, icon } from '../util/dom.js';
import { formatCount, formatDateTime, formatDuration } from '../util/format.js';
import { LatestOnly } from '../util/latest.js';
import { readUrlState, writeUrlState } from '../util/url-state.js';

/** While a listed session is still going, the list refreshes this often. */
const REFRESH_MS = 5000;
const STATUSES = [['', 'Any status'], ['pending', 'Pending'], ['running', 'Running'], ['completed', 'Completed'],
  ['failed', 'Failed'], ['cancelled', 'Cancelled']];
const SYNC_TYPES = [['', 'Any type'], ['manual_task', 'Manual'], ['scheduled_task', 'Scheduled'], ['external', 'External']];
const TYPE_LABELS = Object.fromEntries(SYNC_TYPES.filter(([code]) => code));
const PAGE_SIZES = [10, 20, 50, 100];

class SessionsPage {
  #fields;
  #table;
  #progress;
  #detail;
  #aggregate;
  #list = new LatestOnly();
  #session = new LatestOnly();
  #refresh = null;
  #chosen = null;

  constructor(user) {
    const url = readUrlState();
    this.#fields = {
      status: select('session-status', STATUSES, url.status),
      syncType: select('session-type', SYNC_TYPES, url.sync_type),
      start: h('input', { type: 'date', id: 'session-start', class: 'form-control form-control-sm', value: url.start_date }),
      end: h('input', { type: 'date', id: 'session-end', class: 'form-control form-control-sm', value: url.end_date }),
    };
    this.#progress = new SessionProgress('chosen-session', 'Session details', () => this.#load());
    this.#detail = h('div', { id: 'session-detail' });
    const limit = Number(url.limit);
    this.#table = new DataTable(columns(), {
      id: 'sessions', caption: 'Sync sessions', rowKey: (row) => row.session_id,
      rowLabel: (row) => `session ${row.session_id}`, selectLabel: 'Show', selectIcon: 'chevron-right',
      onChange: () => { this.#saveUrl(false); this.#load(); }, onSelect: (row) => this.#open(row.session_id),
      emptyTitle: 'No sync sessions match these filters', emptyHint: 'Aggregation runs appear here as soon as they start.',
    }, { page: Number(url.page) > 0 ? Number(url.page) : 1, limit: PAGE_SIZES.includes(limit) ? limit : 20 });
    this.#aggregate = new AggregateNow(user, () => ({ period_type: 'daily', instance: null }), () => this.#load());
  }

  start() {
    const f = this.#fields;
    for (const control of Object.values(f)) {
      control.addEventListener('change', () => this.#filtersChanged());
    }
    const reset = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', id: 'session-reset',
      onclick: () => {
        for (const control of Object.values(f)) {
          control.value = '';
        }
        this.#filtersChanged();
      } }, icon('arrow-counterclockwise', 'me-1'), 'Reset');
    fill(this.#detail, h('div', { class: 'card shadow-sm' }, h('div', { class: 'card-body' },
      emptyBlock('No session chosen', 'Choose a session in the list to see its instances.'))));
    const app = document.getElementById('app');
    fill(app,
      h('div', { class: 'd-flex flex-wrap gap-3 align-items-start justify-content-between mb-4' },
        h('div', {}, h('h1', { class: 'h3 mb-1' }, 'Sync sessions'),
          h('p', { class: 'text-body-secondary mb-0' },
            'Every aggregation run — scheduled, manual or requested by another system — with its progress per instance.')),
        this.#aggregate.element),
      this.#aggregate.progressElement,
      h('section', { class: 'card shadow-sm mb-4 filter-card' }, h('div', { class: 'card-body' },
        h('form', { class: 'row g-2 align-items-end', 'aria-label': 'Filters', onsubmit: (event) => event.preventDefault() },
          column('session-status', 'Status', f.status),
          column('session-type', 'Type', f.syncType),
          column('session-start', 'Started from', f.start),
          column('session-end', 'Started until', f.end),
          h('div', { class: 'col-sm-6 col-lg-2 d-grid' }, reset)))),
      h('div', { class: 'row g-4' },
        h('div', { class: 'col-xl-7' }, h('section', { class: 'card shadow-sm', 'aria-labelledby': 'sessions-title' },
          h('div', { class: 'card-header bg-body' }, h('h2', { class: 'h6 mb-0', id: 'sessions-title' }, 'Sessions')),
          h('div', { class: 'card-body' }, this.#table.element))),
        h('div', { class: 'col-xl-5' }, this.#detail)));
    app.setAttribute('aria-busy', 'false');
    // the filters live in the address bar: going back restores the previous ones
    window.addEventListener('popstate', () => location.reload());
    this.#load();
  }

  #filtersChanged() {
    this.#table.setState({ page: 1 });
    this.#saveUrl(true);
    this.#load();
  }

  #saveUrl(push) {
    const f = this.#fields;
    const state = this.#table.state();
    writeUrlState({ status: f.status.value, sync_type: f.syncType.value, start_date: f.start.value, end_date: f.end.value,
      page: state.page === 1 ? '' : state.page, limit: state.limit === 20 ? '' : state.limit }, push);
  }

  async #load() {
    clearTimeout(this.#refresh);
    const f = this.#fields;
    const state = this.#table.state();
    this.#table.loading();
    try {
      const response = await this.#list.run((signal) => sessions.list({ status: f.status.value,
        sync_type: f.syncType.value, start_date: f.start.value, end_date: f.end.value, page: state.page,
        limit: state.limit }, { signal }));
      if (!response) {
        return;
      }
      const { items } = response.data;
      this.#table.render(response.data);
      if (!this.#chosen && items.length) {
        this.#open(items[0].session_id);
      }
      this.#table.select(this.#chosen);
      if (items.some((session) => !TERMINAL.has(session.status))) {
        this.#refresh = setTimeout(() => this.#load(), REFRESH_MS);
      }
    } catch (error) {
      this.#table.failed(error, () => this.#load());
    }
  }

  async #open(id) {
    this.#chosen = id;
    this.#table.select(id);
    try {
      const response = await this.#session.run((signal) => sessions.get(id, { signal }));
      if (!response) {
        return;
      }
      fill(this.#detail, this.#progress.element);
      if (TERMINAL.has(response.data.status)) {
        this.#progress.show(response.data);
      } else {
        this.#progress.follow(id, response.data);
      }
    } catch (error) {
      fill(this.#detail, h('div', { class: 'alert alert-danger', role: 'alert' },
        `Could not load session ${id}: ${error.message}`));
    }
  }
}

function columns() {
  return [
    { key: 'started', label: 'Started', render: (row) => h('span', { class: 'small text-nowrap' },
      formatDateTime(row.started_at ?? row.updated_at)) },
    { key: 'session', label: 'Session', render: (row) => h('code', { class: 'small', title: row.session_id },
      row.session_id.slice(0, 8)) },
    { key: 'type', label: 'Type', render: (row) => h('span', { class: 'small' }, TYPE_LABELS[row.sync_type] ?? row.sync_type,
      row.created_by ? h('span', { class: 'text-body-secondary' }, ` by ${row.created_by}`) : null) },
    { key: 'status', label: 'Status', render: (row) => statusBadge(row.status) },
    { key: 'instances', label: 'Instances', align: 'end', render: instancesCell },
    { key: 'progress', label: 'Progress', render: progressCell },
    { key: 'duration', label: 'Duration', align: 'end', render: (row) => h('span', { class: 'small text-nowrap' },
      formatDuration(row.started_at, row.completed_at)) },
  ];
}

function instancesCell(row) {
  return h('span', { class: 'small text-nowrap',
    title: `${row.successful_instances} completed, ${row.failed_instances} failed, ${row.skipped_instances} skipped` },
  `${formatCount(row.successful_instances)} / ${formatCount(row.total_instances)}`,
  row.failed_instances ? h('span', { class: 'text-danger ms-1' }, `(${row.failed_instances} failed)`) : null,
  row.skipped_instances ? h('span', { class: 'text-body-secondary ms-1' }, `(${row.skipped_instances} skipped)`) : null);
}

function progressCell(row) {
  const style = row.status === 'failed' ? 'bg-danger' : row.status === 'completed' ? 'bg-success' : '';
  return h('div', { class: 'progress progress-thin', role: 'progressbar', 'aria-valuenow': row.progress,
    'aria-label': `Progress of session ${row.session_id.slice(0, 8)}`, 'aria-valuemin': 0, 'aria-valuemax': 100 },
  h('div', { class: `progress-bar ${style}`, style: { width: `${row.progress}%` } }));
}

function select(id, options, value) {
  return h('select', { id, class: 'form-select form-select-sm' },
    options.map(([code, label]) => h('option', { value: code, selected: code === (value ?? '') }, label)));
}

function column(id, label, control) {
  return h('div', { class: 'col-sm-6 col-lg-2' }, h('label', { class: 'form-label small mb-1', for: id }, label), control);
}

// without a user the shell has shown the error, or sent the browser to the login page
const user = await startShell('sessions').catch(() => null);
if (user) {
  new SessionsPage(user).start();
}
