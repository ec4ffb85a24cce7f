/**
 * The summary cards of a capacity page: instances, databases, total size and growth of the selection's latest
 * state (GET /capacity/{level}/summary). Each value element has an id (card-instances, card-databases,
 * card-size, card-growth) and the card a data-state.
 */
import { fill, h, icon } from '../util/dom.js';
import { formatCount, formatPercent, formatSize } from '../util/format.js';
import { setState } from './view-state.js';

const CARDS = [
  ['instances', 'Total instances', 'hdd-stack', 'card-accent-blue'],
  ['databases', 'Total databases', 'database', 'card-accent-teal'],
  ['size', 'Total size', 'pie-chart', 'card-accent-indigo'],
  ['growth', 'Growth', 'graph-up-arrow', 'card-accent-green'],
];

/** The four cards; {@code render} fills them from a summary. */
export class SummaryCards {
  #values = new Map();
  #notes = new Map();

  constructor() {
    this.element = h('section', { class: 'row g-3 mb-4', 'aria-label': 'Summary', id: 'summary' },
      CARDS.map(([key, label, symbol, accent]) => {
        const value = h('p', { class: 'summary-value mb-0', id: `card-${key}` }, '—');
        const note = h('p', { class: 'summary-note small text-body-secondary mb-0', id: `card-${key}-note` }, '\u00a0');
        this.#values.set(key, value);
        this.#notes.set(key, note);
        return h('div', { class: 'col-6 col-lg-3' },
          h('article', { class: `card summary-card shadow-sm h-100 ${accent}` },
            h('div', { class: 'card-body d-flex gap-3 align-items-start' },
              h('span', { class: 'summary-icon' }, icon(symbol)),
              h('div', { class: 'flex-grow-1 min-w-0' },
                h('h2', { class: 'summary-label' }, label), value, note))));
      }));
    setState(this.element, 'loading');
  }

  /** Shows that new figures are on their way (the old ones stay, dimmed). */
  loading() {
    setState(this.element, 'loading');
  }

  /** Shows a summary of the {@code level} ("databases" or "instances") endpoint. */
  render(summary, level) {
    const source = summary.source ?? {};
    this.#set('instances', formatCount(summary.total_instances),
      summary.total_instances ? `with ${summary.period_type} aggregates` : 'no aggregates in this selection');
    this.#set('databases', formatCount(summary.total_databases),
      summary.total_databases ? `avg ${formatSize(level === 'instances' && summary.total_databases
        ? summary.total_size_mb / summary.total_databases : summary.avg_size_mb)} each` : '\u00a0');
    this.#set('size', formatSize(summary.total_size_mb),
      summary.max_size_mb ? `largest peak ${formatSize(summary.max_size_mb)}` : '\u00a0');
    this.#set('growth', source.growth_basis === 'none' ? '—' : formatPercent(summary.growth_rate),
      growthNote(source));
    setState(this.element, summary.total_instances ? 'ready' : 'empty');
  }

  /** Shows that the summary could not be loaded. */
  failed(error) {
    for (const key of this.#values.keys()) {
      this.#set(key, '—', key === 'instances' ? `Summary unavailable: ${error.message}` : '\u00a0');
    }
    setState(this.element, 'error');
  }

  #set(key, value, note) {
    fill(this.#values.get(key), value);
    fill(this.#notes.get(key), note);
  }
}

function growthNote(source) {
  switch (source.growth_basis) {
    case 'window':
      return `since ${source.first_period_start} (${formatSize(source.baseline_size_mb)})`;
    case 'previous_period':
      return `vs the previous period (${formatSize(source.baseline_size_mb)})`;
    default:
      return 'nothing earlier to compare with';
  }
}
