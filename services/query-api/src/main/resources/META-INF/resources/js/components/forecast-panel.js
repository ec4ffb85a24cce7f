/**
 * The growth forecast of the database or instance chosen in the table (GET /capacity/forecasts/{level}):
 * growth per day from a line fitted to the daily sizes, and when the threshold (the instance's capacity, or a
 * size typed here) is reached.
 */
import { capacity } from '../api/whalefall.js';
import { LatestOnly } from '../util/latest.js';
import { fill, h, icon } from '../util/dom.js';
import { formatCount, formatSize, formatSizeChange } from '../util/format.js';
import { emptyBlock, errorBlock, loadingBlock, setState } from './view-state.js';

const STATUS_STYLES = {
  projected: ['text-bg-warning', 'Threshold ahead'],
  threshold_reached: ['text-bg-danger', 'Threshold reached'],
  not_growing: ['text-bg-success', 'Not growing'],
  beyond_horizon: ['text-bg-success', 'Beyond 100 years'],
  no_threshold: ['text-bg-secondary', 'No threshold'],
  insufficient_data: ['text-bg-light', 'Not enough data'],
};
const QUALITY = { good: 'good fit', fair: 'fair fit', poor: 'poor fit' };

/** The forecast card; {@code show(target)} forecasts a table row. */
export class ForecastPanel {
  #level;
  #target = null;
  #body;
  #title;
  #window;
  #threshold;
  #latest = new LatestOnly();

  /** {@code level}: "databases" or "instances". */
  constructor(level) {
    this.#level = level;
    this.#title = h('p', { class: 'fw-semibold mb-2 text-truncate', id: 'forecast-target' }, '\u00a0');
    this.#window = h('select', { id: 'forecast-window', class: 'form-select form-select-sm',
      onchange: () => this.#load() },
    [['30', '30 days'], ['90', '90 days'], ['180', '180 days'], ['365', '365 days']]
      .map(([value, label]) => h('option', { value, selected: value === '90' }, label)));
    this.#threshold = h('input', { id: 'forecast-threshold', type: 'number', min: '0.01', step: 'any',
      class: 'form-control form-control-sm', placeholder: 'capacity', 'aria-describedby': 'forecast-threshold-hint' });
    this.#body = h('div', { id: 'forecast-body', 'aria-live': 'polite' });
    const form = h('form', { class: 'row g-2 mb-3', onsubmit: (event) => { event.preventDefault(); this.#load(); } },
      h('div', { class: 'col-6' }, h('label', { class: 'form-label small mb-1', for: 'forecast-window' }, 'History'), this.#window),
      h('div', { class: 'col-6' }, h('label', { class: 'form-label small mb-1', for: 'forecast-threshold' }, 'Threshold (GB)'),
        h('div', { class: 'input-group input-group-sm' }, this.#threshold,
          h('button', { type: 'submit', class: 'btn btn-outline-primary', 'aria-label': 'Forecast with this threshold' },
            icon('arrow-return-left')))),
      h('p', { class: 'form-text small mt-1 mb-0', id: 'forecast-threshold-hint' },
        'Leave empty to use the instance\'s registered capacity.'));
    this.element = h('section', { class: 'card shadow-sm h-100', 'aria-labelledby': 'forecast-title', id: 'forecast' },
      h('div', { class: 'card-header bg-body' },
        h('h2', { class: 'h6 mb-0', id: 'forecast-title' }, icon('binoculars', 'me-2'), 'Growth forecast')),
      h('div', { class: 'card-body' }, this.#title, form, this.#body));
    this.clear();
  }

  /** Forecasts {@code target}: {instance_id, database_name?, label}; nothing when it is the one shown. */
  show(target) {
    if (this.#target && sameTarget(this.#target, target)) {
      return;
    }
    this.#target = target;
    fill(this.#title, target.label);
    this.#title.title = target.label;
    this.#load();
  }

  /** Shows the hint to choose a row. */
  clear() {
    this.#target = null;
    fill(this.#title, '\u00a0');
    setState(this.element, 'empty');
    fill(this.#body, emptyBlock('Nothing chosen', `Choose a ${this.#level === 'databases' ? 'database' : 'instance'} `
      + 'in the table to forecast its growth.'));
  }

  async #load() {
    if (!this.#target) {
      return;
    }
    const gigabytes = Number(this.#threshold.value);
    const params = { instance_id: this.#target.instance_id, database_name: this.#target.database_name,
      window_days: this.#window.value,
      threshold_mb: this.#threshold.value && gigabytes > 0 ? Math.round(gigabytes * 1024) : '' };
    setState(this.element, 'loading');
    fill(this.#body, loadingBlock('Fitting the growth line…'));
    try {
      const response = await this.#latest.run((signal) => capacity.forecast(this.#level, params, { signal }));
      if (response) {
        this.#render(response.data);
      }
    } catch (error) {
      setState(this.element, 'error');
      fill(this.#body, errorBlock(error, () => this.#load()));
    }
  }

  #render(forecast) {
    const [style, label] = STATUS_STYLES[forecast.status] ?? ['text-bg-secondary', forecast.status];
    const facts = [
      ['Current size', forecast.current_size_mb === null ? '—'
        : `${formatSize(forecast.current_size_mb)} (${forecast.current_size_date})`],
      ['Growth per day', forecast.growth_mb_per_day === null ? '—' : `${formatSizeChange(forecast.growth_mb_per_day)}`],
      ['Fit', forecast.r_squared === null ? '—'
        : `R² ${Number(forecast.r_squared).toFixed(2)} · ${QUALITY[forecast.fit_quality] ?? forecast.fit_quality}`],
      ['Threshold', forecast.threshold_mb === null ? 'none' : `${formatSize(forecast.threshold_mb)}`
        + (forecast.threshold_source === 'instance_capacity' ? ' (instance capacity)' : '')],
      ['Days until threshold', forecast.days_until_threshold === null ? '—' : formatCount(forecast.days_until_threshold)],
      ['Projected date', forecast.projected_date ?? '—'],
      ['Daily points used', `${forecast.points} (at least ${forecast.min_points}) · ${forecast.window_start} – ${forecast.window_end}`],
    ];
    setState(this.element, 'ready');
    this.element.dataset.status = forecast.status;
    fill(this.#body,
      h('p', { class: 'mb-2' }, h('span', { class: `badge ${style}`, id: 'forecast-status' }, label)),
      h('p', { class: 'small', id: 'forecast-message' }, forecast.message),
      h('dl', { class: 'row small mb-0 forecast-facts' }, facts.flatMap(([term, value]) => [
        h('dt', { class: 'col-6 fw-normal text-body-secondary' }, term), h('dd', { class: 'col-6 mb-1 text-end' }, value)])));
  }
}

function sameTarget(a, b) {
  return a.instance_id === b.instance_id && (a.database_name ?? null) === (b.database_name ?? null);
}
