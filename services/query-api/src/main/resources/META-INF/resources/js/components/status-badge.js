/** Status badges of sessions and their per-instance records. */
import { h, icon } from '../util/dom.js';

const STYLES = {
  queued: ['text-bg-secondary', 'hourglass', 'Queued'],
  pending: ['text-bg-secondary', 'hourglass', 'Pending'],
  running: ['text-bg-primary', 'arrow-repeat', 'Running'],
  completed: ['text-bg-success', 'check-circle', 'Completed'],
  failed: ['text-bg-danger', 'x-octagon', 'Failed'],
  cancelled: ['text-bg-warning', 'slash-circle', 'Cancelled'],
  skipped: ['text-bg-light border', 'skip-forward', 'Skipped'],
};

/** Statuses after which a session does not change any more. */
export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** A badge for a session or record status. */
export function statusBadge(status) {
  const [style, symbol, label] = STYLES[status] ?? ['text-bg-secondary', 'question-circle', status ?? 'unknown'];
  return h('span', { class: `badge ${style} status-badge`, dataset: { status: status ?? 'unknown' } },
    icon(symbol, status === 'running' ? 'spin me-1' : 'me-1'), label);
}
