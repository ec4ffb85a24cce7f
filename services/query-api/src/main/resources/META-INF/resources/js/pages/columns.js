/** Table cells shared by the capacity pages. */
import { h } from '../util/dom.js';
import { dbTypeLabel, formatDateTime, formatPercent, formatPeriod, formatSizeChange } from '../util/format.js';

/** The instance: its name (or id while unknown) and DBMS type. */
export function instanceCell(row) {
  const instance = row.instance ?? {};
  return h('div', { class: 'lh-sm' }, h('div', { class: 'fw-semibold' }, instance.name ?? `Instance ${row.instance_id}`),
    h('div', { class: 'small text-body-secondary' }, dbTypeLabel(instance.db_type)));
}

/** The period, marked while it is still running. */
export function periodCell(row) {
  return h('div', { class: 'text-nowrap' }, formatPeriod(row.period_type, row.period_start, row.period_end),
    h('div', { class: 'small text-body-secondary' }, row.period_type,
      row.complete ? null : h('span', { class: 'badge text-bg-info ms-1', title: 'The period has not ended yet: the figures are partial' },
        'running')));
}

/** A change in MB and %, coloured by direction. */
export function changeCell(mb, percent) {
  const direction = Number(mb) > 0 ? 'text-danger-emphasis' : Number(mb) < 0 ? 'text-success-emphasis' : 'text-body-secondary';
  return h('div', { class: `text-nowrap ${direction}` }, formatSizeChange(mb),
    h('div', { class: 'small' }, formatPercent(percent)));
}

/** When the row was computed. */
export function calculatedCell(row) {
  return h('span', { class: 'small text-nowrap' }, formatDateTime(row.calculated_at));
}
