/**
 * The trend chart: one series per database or instance (the top N of the selection), as lines or bars, sizes
 * on the axis in MB/GB/TB. The container's data attributes tell what is drawn: data-state (loading, ready,
 * empty, error), data-mode, data-type and data-series (the series names, JSON).
 */
import { Chart } from '../vendor/chart.js';
import { fill, h, icon } from '../util/dom.js';
import { formatNumber, formatSize, sizeUnit } from '../util/format.js';
import { emptyBlock, errorBlock, loadingBlock, setState } from './view-state.js';

/** Distinguishable colours (Okabe–Ito and Tableau), in legend order. */
const COLORS = ['#1f77b4', '#e69f00', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#56b4e9', '#8c564b',
  '#7f7f7f', '#bcbd22', '#17becf', '#9467bd'];

const METRIC_LABELS = {
  avg_size_mb: 'average size', max_size_mb: 'largest size', min_size_mb: 'smallest size',
  avg_data_size_mb: 'average data size', avg_log_size_mb: 'average log size', total_size_mb: 'total size',
  database_count: 'databases',
};

/** A chart card: header with mode/type/top/rank controls, the canvas, and its states. */
export class TrendChart {
  #chart = null;
  #trend = null;
  #canvasBox;
  #overlay;
  #caption;
  #options;
  #onOptionsChange;

  /**
   * {@code options}: mode (database|instance), type (line|bar), top, rank_by. {@code onOptionsChange(options,
   * reload)} runs when the user changes one; reload is false when the chart could redraw what it has.
   */
  constructor(options, onOptionsChange) {
    this.#options = { ...options };
    this.#onOptionsChange = onOptionsChange;
    this.#canvasBox = h('div', { class: 'chart-canvas' });
    this.#overlay = h('div', { class: 'chart-overlay' });
    this.#caption = h('p', { class: 'small text-body-secondary mb-0', id: 'trend-caption', 'aria-live': 'polite' }, '\u00a0');
    this.element = h('section', { class: 'card shadow-sm h-100', 'aria-labelledby': 'trend-title' },
      h('div', { class: 'card-header bg-body d-flex flex-wrap gap-2 align-items-center' },
        h('h2', { class: 'h6 mb-0 me-auto', id: 'trend-title' }, icon('graph-up', 'me-2'), 'Capacity trend'),
        this.#toggle('Chart by', 'mode', [['database', 'Database'], ['instance', 'Instance']]),
        this.#toggle('Chart type', 'type', [['line', 'Line'], ['bar', 'Bar']]),
        this.#selector('Series', 'top', [['5', 'Top 5'], ['10', 'Top 10'], ['20', 'Top 20']]),
        this.#selector('Rank by', 'rank_by', [['size', 'by size'], ['growth', 'by growth']])),
      h('div', { class: 'card-body' },
        h('div', { class: 'chart-area', id: 'trend-chart' }, this.#canvasBox, this.#overlay),
        this.#caption));
    this.#mark();
  }

  /** The chart options in use. */
  options() {
    return { ...this.#options };
  }

  /** Shows {@code options} in the controls (without reporting a change). */
  setOptions(options) {
    Object.assign(this.#options, options);
    for (const key of ['mode', 'type']) {
      const input = this.element.querySelector(`#chart-${key}-${this.#options[key]}`);
      if (input) {
        input.checked = true;
      }
    }
    for (const key of ['top', 'rank_by']) {
      this.element.querySelector(`#chart-${key}`).value = String(this.#options[key]);
    }
    this.#mark();
  }

  /** Shows a spinner over the current chart. */
  loading() {
    setState(this.#container(), 'loading');
    fill(this.#overlay, loadingBlock('Loading the trend…'));
  }

  /** Draws a trend (data of GET /capacity/trends/{level}). */
  render(trend) {
    this.#trend = trend;
    const container = this.#container();
    container.dataset.series = JSON.stringify(trend.datasets.map((d) => d.label));
    container.dataset.labels = JSON.stringify(trend.labels);
    const noun = this.#options.mode === 'instance' ? 'instances' : 'databases';
    if (!trend.datasets.length || !trend.labels.length) {
      this.#destroy();
      setState(container, 'empty');
      fill(this.#overlay, emptyBlock(`No ${noun} with ${trend.period_type} aggregates in this selection`,
        'Widen the date range, choose another period type, or run an aggregation.'));
      fill(this.#caption, '\u00a0');
      return;
    }
    this.#draw(trend);
    fill(this.#overlay);
    setState(container, 'ready');
    fill(this.#caption, `Top ${trend.datasets.length} of ${trend.total_series} ${noun} by `
      + `${trend.rank_by === 'growth' ? 'growth' : 'size'} · ${trend.period_type} ${METRIC_LABELS[trend.metric] ?? trend.metric}`
      + ` · ${trend.labels[0]} – ${trend.labels[trend.labels.length - 1]}`);
  }

  /** Shows why the trend could not be loaded, with a retry. */
  failed(error, retry) {
    this.#trend = null;
    this.#destroy();
    this.#container().dataset.series = '[]';
    setState(this.#container(), 'error');
    fill(this.#overlay, errorBlock(error, retry));
    fill(this.#caption, '\u00a0');
  }

  #container() {
    return this.element.querySelector('#trend-chart');
  }

  #draw(trend) {
    const type = this.#options.type;
    const counts = trend.metric === 'database_count';
    // sizes are plotted in one unit that fits the largest value, so the axis gets round steps (10 GB, not 9.77 GB)
    const largest = Math.max(0, ...trend.datasets.flatMap((d) => d.data.filter((v) => v !== null).map(Math.abs)));
    const [unit, factor] = counts ? ['', 1] : sizeUnit(largest);
    const datasets = trend.datasets.map((series, index) => {
      const color = COLORS[index % COLORS.length];
      return {
        label: series.label, data: series.data.map((v) => (v === null ? null : v / factor)),
        borderColor: color, backgroundColor: type === 'bar' ? `${color}cc` : color, borderWidth: 2,
        pointRadius: trend.labels.length > 40 ? 0 : 3, pointHoverRadius: 5, tension: 0.2, spanGaps: false,
      };
    });
    this.#destroy();
    const canvas = h('canvas', { role: 'img', 'aria-label': `Trend chart of ${datasets.length} series: `
      + datasets.map((d) => d.label).join(', ') });
    fill(this.#canvasBox, canvas);
    this.#chart = new Chart(canvas, this.#config(type, trend.labels, datasets, counts, unit, factor));
  }

  #config(type, labels, datasets, counts, unit, factor) {
    const shown = (value) => (counts ? formatNumber(value, 0) : formatSize(value * factor));
    return {
      type,
      data: { labels, datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: { duration: 250 },
        interaction: { intersect: false, mode: 'index' },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.y === null ? '—' : shown(ctx.parsed.y)}` } },
        },
        scales: {
          x: { grid: { display: false }, title: { display: true, text: 'Period start' } },
          y: { beginAtZero: true, title: { display: true, text: counts ? 'Databases' : `Size (${unit})` },
            ticks: { callback: (value) => (counts ? formatNumber(value, 0) : `${formatNumber(value)} ${unit}`) } },
        },
      },
    };
  }

  #destroy() {
    this.#chart?.destroy();
    this.#chart = null;
  }

  #toggle(label, key, choices) {
    const name = `chart-${key}`;
    return h('div', { class: 'btn-group btn-group-sm', role: 'group', 'aria-label': label },
      choices.flatMap(([value, text]) => {
        const id = `${name}-${value}`;
        const input = h('input', { type: 'radio', class: 'btn-check', name, id, value,
          checked: this.#options[key] === value,
          onchange: () => this.#change(key, value) });
        return [input, h('label', { class: 'btn btn-outline-primary', for: id }, text)];
      }));
  }

  #selector(label, key, choices) {
    const id = `chart-${key}`;
    return h('select', { id, class: 'form-select form-select-sm w-auto', 'aria-label': label,
      onchange: (event) => this.#change(key, event.target.value) },
    choices.map(([value, text]) => h('option', { value, selected: String(this.#options[key]) === value }, text)));
  }

  #change(key, value) {
    this.#options[key] = value;
    this.#mark();
    // line or bar is a matter of drawing: the data already here is redrawn instead of fetched again
    const redraw = key === 'type' && this.#trend?.datasets.length && this.#trend.labels.length;
    if (redraw) {
      this.#draw(this.#trend);
    }
    this.#onOptionsChange(this.options(), !redraw);
  }

  #mark() {
    this.#container().dataset.mode = this.#options.mode;
    this.#container().dataset.type = this.#options.type;
  }
}
