/**
 * The capacity filters: instance, DBMS type, database, period type and date range (last N days or custom
 * dates). Every change applies at once; the instance and database choices come from the read model and
 * narrow as the type and instance are chosen.
 */
import { capacity } from '../api/whalefall.js';
import { DB_TYPES, PERIOD_TYPES, dbTypeLabel } from '../util/format.js';
import { fill, h, icon } from '../util/dom.js';
import { toast } from './toast.js';

/** The filter values of a fresh page. */
export const DEFAULT_FILTERS = Object.freeze({
  instance_id: '', db_type: '', database_name: '', period_type: 'daily', range: '30', start_date: '', end_date: '',
});

const RANGES = [['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['180', 'Last 180 days'],
  ['365', 'Last 365 days'], ['custom', 'Custom dates']];

/** The filter card of a capacity page. */
export class FilterForm {
  #onChange;
  #fields;
  #instances = [];

  /** {@code onChange(values)} runs after every change the user makes. */
  constructor(onChange) {
    this.#onChange = onChange;
    this.#fields = {
      instance: select('filter-instance', [['', 'All instances']]),
      dbType: select('filter-db-type', [['', 'All types'], ...DB_TYPES]),
      database: h('input', { id: 'filter-database', class: 'form-control form-control-sm', list: 'filter-database-names',
        placeholder: 'All databases', autocomplete: 'off', maxlength: 255 }),
      databaseNames: h('datalist', { id: 'filter-database-names' }),
      periodType: select('filter-period-type', PERIOD_TYPES),
      range: select('filter-range', RANGES),
      start: h('input', { id: 'filter-start', type: 'date', class: 'form-control form-control-sm' }),
      end: h('input', { id: 'filter-end', type: 'date', class: 'form-control form-control-sm' }),
      dateError: h('div', { class: 'invalid-feedback', id: 'filter-date-error' }, 'The first day must not be after the last day.'),
    };
    this.element = this.#render();
  }

  /** The values as the address bar keeps them. */
  values() {
    const f = this.#fields;
    const custom = f.range.value === 'custom';
    return {
      instance_id: f.instance.value, db_type: f.dbType.value, database_name: f.database.value.trim(),
      period_type: f.periodType.value, range: f.range.value,
      start_date: custom ? f.start.value : '', end_date: custom ? f.end.value : '',
    };
  }

  /** Shows {@code values} (missing ones at their default) without reporting a change. */
  setValues(values) {
    const v = { ...DEFAULT_FILTERS, ...values };
    const f = this.#fields;
    f.dbType.value = v.db_type;
    ensureOption(f.instance, v.instance_id, `Instance ${v.instance_id}`);
    f.instance.value = v.instance_id;
    f.database.value = v.database_name;
    f.periodType.value = PERIOD_TYPES.some(([code]) => code === v.period_type) ? v.period_type : 'daily';
    f.range.value = RANGES.some(([code]) => code === v.range) ? v.range : DEFAULT_FILTERS.range;
    f.start.value = v.start_date;
    f.end.value = v.end_date;
    this.#toggleDates();
    this.#datesValid();
  }

  /** The parameters of the capacity endpoints for these filters. */
  apiParams() {
    const v = this.values();
    const params = { instance_id: v.instance_id, db_type: v.db_type, database_name: v.database_name,
      period_type: v.period_type };
    if (v.range === 'custom') {
      Object.assign(params, { start_date: v.start_date, end_date: v.end_date });
    } else {
      params.time_range = v.range;
    }
    return params;
  }

  /** The chosen instance ({@code id}, {@code name}, {@code db_type}), or null. */
  selectedInstance() {
    const id = this.#fields.instance.value;
    return id ? this.#instances.find((i) => String(i.id) === id) ?? { id: Number(id), name: `Instance ${id}` } : null;
  }

  /** Loads the instance and database choices for the current type and instance. */
  async loadOptions() {
    await Promise.all([this.#loadInstances(), this.#loadDatabases()]);
  }

  #render() {
    const f = this.#fields;
    const reset = h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', id: 'filter-reset',
      onclick: () => this.#reset() }, icon('arrow-counterclockwise', 'me-1'), 'Reset');
    f.instance.addEventListener('change', () => this.#changed(() => this.#loadDatabases()));
    f.dbType.addEventListener('change', () => this.#changed(() => this.loadOptions()));
    f.database.addEventListener('change', () => this.#changed());
    f.periodType.addEventListener('change', () => this.#changed());
    f.range.addEventListener('change', () => {
      this.#toggleDates();
      if (f.range.value !== 'custom') {
        this.#changed();
      } else {
        f.start.focus();
      }
    });
    for (const input of [f.start, f.end]) {
      input.addEventListener('change', () => {
        if (this.#datesValid()) {
          this.#changed();
        }
      });
    }
    const form = h('form', { class: 'row g-2 align-items-end', 'aria-label': 'Filters', id: 'filters',
      onsubmit: (event) => { event.preventDefault(); this.#changed(); } },
      column('col-sm-6 col-lg-3', 'filter-instance', 'Instance', f.instance),
      column('col-sm-6 col-lg-2', 'filter-db-type', 'DB type', f.dbType),
      column('col-sm-6 col-lg-2', 'filter-database', 'Database', f.database, f.databaseNames),
      column('col-sm-6 col-lg-2', 'filter-period-type', 'Period type', f.periodType),
      column('col-sm-6 col-lg-2', 'filter-range', 'Date range', f.range),
      h('div', { class: 'col-sm-6 col-lg-1 d-grid' }, reset),
      h('div', { class: 'col-12 d-none', id: 'filter-dates' },
        h('div', { class: 'row g-2' },
          column('col-sm-6 col-lg-3', 'filter-start', 'From (period start)', f.start),
          column('col-sm-6 col-lg-3', 'filter-end', 'To (period end)', f.end, f.dateError))),
      h('button', { type: 'submit', class: 'visually-hidden' }, 'Apply filters'));
    return h('section', { class: 'card shadow-sm mb-4 filter-card' }, h('div', { class: 'card-body' }, form));
  }

  #changed(then) {
    this.#onChange(this.values());
    then?.();
  }

  #reset() {
    this.setValues(DEFAULT_FILTERS);
    this.#changed(() => this.loadOptions());
  }

  #toggleDates() {
    const custom = this.#fields.range.value === 'custom';
    this.element.querySelector('#filter-dates').classList.toggle('d-none', !custom);
  }

  #datesValid() {
    const { start, end, dateError } = this.#fields;
    const valid = !start.value || !end.value || start.value <= end.value;
    for (const input of [start, end]) {
      input.classList.toggle('is-invalid', !valid);
      input.setAttribute('aria-invalid', String(!valid));
    }
    if (valid) {
      end.removeAttribute('aria-describedby');
    } else {
      end.setAttribute('aria-describedby', dateError.id);
    }
    return valid;
  }

  async #loadInstances() {
    const f = this.#fields;
    try {
      const { data } = await capacity.instanceOptions({ db_type: f.dbType.value });
      this.#instances = data.items;
      const chosen = f.instance.value;
      fill(f.instance, h('option', { value: '' }, 'All instances'), data.items.map((instance) =>
        h('option', { value: instance.id }, `${instance.name} · ${dbTypeLabel(instance.db_type)}`
          + (instance.active ? '' : ' (inactive)'))));
      // a chosen instance of another type is not silently kept: the list and the filter must agree
      if (chosen && !data.items.some((i) => String(i.id) === chosen)) {
        f.instance.value = '';
        this.#changed(() => this.#loadDatabases());
      } else {
        f.instance.value = chosen;
      }
    } catch (error) {
      toast(`Could not load the instances to filter by: ${error.message}`, 'error');
    }
  }

  async #loadDatabases() {
    const f = this.#fields;
    try {
      const { data } = await capacity.databaseOptions({ instance_id: f.instance.value, db_type: f.dbType.value });
      fill(f.databaseNames, data.items.map((d) => h('option', { value: d.database_name })));
    } catch (error) {
      toast(`Could not load the database names to filter by: ${error.message}`, 'error');
    }
  }
}

function select(id, options) {
  return h('select', { id, class: 'form-select form-select-sm' },
    options.map(([value, label]) => h('option', { value }, label)));
}

function column(width, id, label, ...controls) {
  return h('div', { class: width }, h('label', { class: 'form-label small mb-1', for: id }, label), controls);
}

function ensureOption(selectElement, value, label) {
  if (value && ![...selectElement.options].some((o) => o.value === value)) {
    selectElement.append(h('option', { value }, label));
  }
}
