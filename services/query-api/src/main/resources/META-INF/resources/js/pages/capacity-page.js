/**
 * A capacity page (databases or instances): filters, summary cards, trend chart, forecast, the sortable paged
 * table and "aggregate now". The view's state lives in the address bar; every part loads on its own and shows
 * its own loading, empty and error states, so one slow or failing call does not blank the page.
 */
import { capacity } from '../api/whalefall.js';
import { AggregateNow } from '../components/aggregate-now.js';
import { DataTable } from '../components/data-table.js';
import { DEFAULT_FILTERS, FilterForm } from '../components/filter-form.js';
import { ForecastPanel } from '../components/forecast-panel.js';
import { startShell } from '../components/shell.js';
import { SummaryCards } from '../components/summary-cards.js';
import { TrendChart } from '../components/trend-chart.js';
import { fill, h } from '../util/dom.js';
import { LatestOnly } from '../util/latest.js';
import { readUrlState, writeUrlState } from '../util/url-state.js';

const DEFAULT_TABLE = { sort: 'period_start', order: 'desc', page: 1, limit: 20 };

/** Starts the page described by {@code config} (see databases.js and instances.js). */
export async function startCapacityPage(config) {
  // without a user the shell has shown the error, or sent the browser to the login page
  const user = await startShell(config.key).catch(() => null);
  if (user) {
    new CapacityPage(config, user).start();
  }
}

class CapacityPage {
  #config;
  #filters;
  #cards;
  #chart;
  #forecast;
  #table;
  #aggregate;
  #loads = { summary: new LatestOnly(), trend: new LatestOnly(), list: new LatestOnly() };
  #autoForecast = true;

  constructor(config, user) {
    this.#config = config;
    const url = readUrlState();
    this.#filters = new FilterForm(() => this.#filtersChanged());
    this.#cards = new SummaryCards();
    this.#chart = new TrendChart(chartOptions(url, config.chartMode), (options, reload) => this.#chartChanged(reload));
    this.#forecast = new ForecastPanel(config.level);
    this.#table = new DataTable(config.columns, {
      id: 'aggregates', caption: config.tableTitle, rowKey: config.rowKey, rowLabel: config.rowLabel,
      onChange: () => this.#tableChanged(), onSelect: (row) => this.#forecastRow(row),
      selectLabel: 'Forecast the growth of', selectIcon: 'binoculars',
      emptyTitle: config.emptyTitle, emptyHint: 'Change the filters, or aggregate the current period.',
    }, tableState(url, config.sorts));
    this.#aggregate = new AggregateNow(user, () => ({ ...this.#filters.values(),
      instance: this.#filters.selectedInstance() }), () => this.#reloadAll());
  }

  start() {
    const app = document.getElementById('app');
    fill(app,
      h('div', { class: 'd-flex flex-wrap gap-3 align-items-start justify-content-between mb-4' },
        h('div', {}, h('h1', { class: 'h3 mb-1' }, this.#config.title),
          h('p', { class: 'text-body-secondary mb-0' }, this.#config.lead)),
        this.#aggregate.element),
      this.#aggregate.progressElement,
      this.#filters.element,
      this.#cards.element,
      h('div', { class: 'row g-4 mb-4' },
        h('div', { class: 'col-xl-8' }, this.#chart.element),
        h('div', { class: 'col-xl-4' }, this.#forecast.element)),
      h('section', { class: 'card shadow-sm', 'aria-labelledby': 'table-title' },
        h('div', { class: 'card-header bg-body' }, h('h2', { class: 'h6 mb-0', id: 'table-title' }, this.#config.tableTitle)),
        h('div', { class: 'card-body' }, this.#table.element)));
    app.setAttribute('aria-busy', 'false');
    this.#filters.setValues(readUrlState());
    window.addEventListener('popstate', () => this.#restore());
    this.#filters.loadOptions();
    this.#reloadAll();
  }

  #filtersChanged() {
    this.#table.setState({ page: 1 });
    this.#autoForecast = true;
    this.#saveUrl(true);
    this.#reloadAll();
  }

  #tableChanged() {
    this.#saveUrl(false);
    this.#loadList();
  }

  #chartChanged(reload) {
    this.#saveUrl(false);
    if (reload) {
      this.#loadTrend();
    }
  }

  #restore() {
    const url = readUrlState();
    this.#filters.setValues(url);
    this.#table.setState(tableState(url, this.#config.sorts));
    this.#chart.setOptions(chartOptions(url, this.#config.chartMode));
    this.#autoForecast = true;
    this.#reloadAll();
  }

  #saveUrl(push) {
    const filters = this.#filters.values();
    const table = this.#table.state();
    const chart = this.#chart.options();
    // defaults stay out of the address, so that a plain link shows the plain page
    const state = {};
    for (const [key, value] of Object.entries({ ...filters, ...table, chart: chart.mode, chart_type: chart.type,
      top: chart.top, rank_by: chart.rank_by })) {
      const fallback = { ...DEFAULT_FILTERS, ...DEFAULT_TABLE, chart: this.#config.chartMode, chart_type: 'line',
        top: '10', rank_by: 'size' }[key];
      if (String(value) !== String(fallback ?? '')) {
        state[key] = value;
      }
    }
    writeUrlState(state, push);
  }

  #reloadAll() {
    this.#loadSummary();
    this.#loadTrend();
    this.#loadList();
  }

  async #loadSummary() {
    this.#cards.loading();
    try {
      const response = await this.#loads.summary.run((signal) =>
        capacity.summary(this.#config.level, this.#filters.apiParams(), { signal }));
      if (response) {
        this.#cards.render(response.data.summary, this.#config.level);
      }
    } catch (error) {
      this.#cards.failed(error);
    }
  }

  async #loadTrend() {
    const options = this.#chart.options();
    this.#chart.loading();
    try {
      const level = options.mode === 'instance' ? 'instances' : 'databases';
      const response = await this.#loads.trend.run((signal) => capacity.trend(level,
        { ...this.#filters.apiParams(), top: options.top, rank_by: options.rank_by }, { signal }));
      if (response) {
        this.#chart.render(response.data);
      }
    } catch (error) {
      this.#chart.failed(error, () => this.#loadTrend());
    }
  }

  async #loadList() {
    this.#table.loading();
    try {
      const response = await this.#loads.list.run((signal) =>
        capacity.list(this.#config.level, { ...this.#filters.apiParams(), ...this.#table.state() }, { signal }));
      if (!response) {
        return;
      }
      this.#table.render(response.data);
      const [first] = response.data.items;
      if (this.#autoForecast) {
        this.#autoForecast = false;
        if (first) {
          this.#table.select(this.#config.rowKey(first));
          this.#forecastRow(first);
        } else {
          this.#forecast.clear();
        }
      }
    } catch (error) {
      this.#table.failed(error, () => this.#loadList());
    }
  }

  #forecastRow(row) {
    this.#forecast.show(this.#config.forecastTarget(row));
  }
}

function tableState(url, sorts) {
  const limit = Number(url.limit);
  const page = Number(url.page);
  return {
    sort: sorts.includes(url.sort) ? url.sort : DEFAULT_TABLE.sort,
    order: url.order === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    limit: [10, 20, 50, 100].includes(limit) ? limit : DEFAULT_TABLE.limit,
  };
}

function chartOptions(url, defaultMode) {
  return {
    mode: ['database', 'instance'].includes(url.chart) ? url.chart : defaultMode,
    type: url.chart_type === 'bar' ? 'bar' : 'line',
    top: ['5', '10', '20'].includes(url.top) ? url.top : '10',
    rank_by: url.rank_by === 'growth' ? 'growth' : 'size',
  };
}
