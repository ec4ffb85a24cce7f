/**
 * A sortable, paged table over a WhaleFall list endpoint (data.items, total, page, pages, limit). Columns
 * with a {@code sort} key sort on the server; a row can be selected (click, or its action button).
 */
import { fill, h, icon } from '../util/dom.js';
import { formatCount } from '../util/format.js';
import { emptyBlock, errorBlock, loadingBlock, setState } from './view-state.js';

const PAGE_SIZES = [10, 20, 50, 100];

/** Table card with header sort buttons, a status line and pagination. */
export class DataTable {
  #columns;
  #options;
  #state;
  #body;
  #status;
  #pager;
  #selectedKey = null;
  #rows = [];

  /**
   * {@code columns}: [{key, label, sort?, align?, render(row)}]. {@code options}: id, caption, rowKey(row),
   * rowLabel(row), onChange(state) for sort/page changes, onSelect(row) (optional), selectLabel, emptyTitle,
   * emptyHint. {@code state}: sort, order, page, limit.
   */
  constructor(columns, options, state) {
    this.#columns = columns;
    this.#options = options;
    this.#state = { ...state };
    this.#body = h('tbody');
    this.#status = h('p', { class: 'small text-body-secondary mb-0', 'aria-live': 'polite', id: `${options.id}-status` });
    this.#pager = h('nav', { 'aria-label': `${options.caption} pages` });
    const headerCells = columns.map((column) => this.#headerCell(column));
    if (options.onSelect) {
      headerCells.push(h('th', { scope: 'col', class: 'text-end' }, h('span', { class: 'visually-hidden' }, 'Actions')));
    }
    this.table = h('table', { class: 'table table-hover table-sm align-middle mb-0 data-table', id: options.id },
      h('caption', { class: 'visually-hidden' }, options.caption),
      h('thead', { class: 'table-light' }, h('tr', {}, headerCells)), this.#body);
    this.element = h('div', {},
      h('div', { class: 'table-responsive table-scroll' }, this.table),
      h('div', { class: 'd-flex flex-wrap gap-2 align-items-center justify-content-between mt-3' },
        this.#status,
        h('div', { class: 'd-flex gap-2 align-items-center' }, this.#pageSizeSelect(), this.#pager)));
    this.#markSort();
  }

  /** The sort and paging state. */
  state() {
    return { ...this.#state };
  }

  /** Shows {@code state} in the headers (without reporting a change). */
  setState(state) {
    this.#state = { ...this.#state, ...state };
    this.#markSort();
    this.element.querySelector(`#${this.#options.id}-limit`).value = String(this.#state.limit);
  }

  /** Shows that rows are loading (the old ones are replaced by a spinner row). */
  loading() {
    setState(this.table, 'loading');
    this.#fillMessage(loadingBlock('Loading rows…'));
  }

  /** Shows a page of data ({@code data} of a list endpoint). */
  render(data) {
    this.#rows = data.items;
    if (!data.items.length) {
      setState(this.table, 'empty');
      this.#fillMessage(emptyBlock(data.total ? 'No rows on this page' : this.#options.emptyTitle,
        data.total ? 'Go back to an earlier page.' : this.#options.emptyHint));
    } else {
      fill(this.#body, data.items.map((row) => this.#row(row)));
      setState(this.table, 'ready');
    }
    const first = (data.page - 1) * data.limit + 1;
    fill(this.#status, data.total
      ? `Showing ${formatCount(Math.min(first, data.total))}–${formatCount(Math.min(first + data.items.length - 1, data.total))}`
        + ` of ${formatCount(data.total)}`
      : 'No rows');
    this.#renderPager(data);
  }

  /** Shows why rows could not be loaded, with a retry. */
  failed(error, retry) {
    this.#rows = [];
    setState(this.table, 'error');
    this.#fillMessage(errorBlock(error, retry));
    fill(this.#status, '\u00a0');
    fill(this.#pager);
  }

  /** The rows shown. */
  rows() {
    return this.#rows;
  }

  /** Highlights the row with {@code key} (null: none). */
  select(key) {
    this.#selectedKey = key;
    for (const tr of this.#body.querySelectorAll('tr[data-key]')) {
      const selected = tr.dataset.key === key;
      tr.classList.toggle('table-active', selected);
      if (selected) {
        tr.setAttribute('aria-current', 'true');
      } else {
        tr.removeAttribute('aria-current');
      }
    }
  }

  #fillMessage(block) {
    fill(this.#body, h('tr', {}, h('td', { colspan: this.#columns.length + (this.#options.onSelect ? 1 : 0) }, block)));
  }

  #row(row) {
    const key = this.#options.rowKey(row);
    const cells = this.#columns.map((column) => h('td', { class: column.align === 'end' ? 'text-end' : null,
      dataset: { column: column.key } }, column.render(row)));
    if (this.#options.onSelect) {
      cells.push(h('td', { class: 'text-end' }, h('button', { type: 'button', class: 'btn btn-sm btn-link p-0',
        'aria-label': `${this.#options.selectLabel} ${this.#options.rowLabel(row)}`,
        onclick: (event) => { event.stopPropagation(); this.#choose(row); } }, icon(this.#options.selectIcon ?? 'chevron-right'))));
    }
    const selected = key === this.#selectedKey;
    return h('tr', { dataset: { key }, class: `${this.#options.onSelect ? 'selectable' : ''} ${selected ? 'table-active' : ''}`,
      'aria-current': selected ? 'true' : null,
      onclick: this.#options.onSelect ? () => this.#choose(row) : null }, cells);
  }

  #choose(row) {
    this.select(this.#options.rowKey(row));
    this.#options.onSelect(row);
  }

  #headerCell(column) {
    const th = h('th', { scope: 'col', class: column.align === 'end' ? 'text-end' : null, dataset: { column: column.key } });
    if (!column.sort) {
      return fill(th, column.label);
    }
    th.dataset.sort = column.sort;
    return fill(th, h('button', { type: 'button', class: 'sort-button', onclick: () => this.#sortBy(column.sort) },
      column.label, h('span', { class: 'sort-indicator', 'aria-hidden': 'true' })));
  }

  #sortBy(key) {
    const order = this.#state.sort === key && this.#state.order === 'desc' ? 'asc' : 'desc';
    this.#state = { ...this.#state, sort: key, order, page: 1 };
    this.#markSort();
    this.#options.onChange(this.state());
  }

  #markSort() {
    for (const th of this.table.querySelectorAll('th[data-sort]')) {
      const active = th.dataset.sort === this.#state.sort;
      th.setAttribute('aria-sort', active ? (this.#state.order === 'asc' ? 'ascending' : 'descending') : 'none');
      fill(th.querySelector('.sort-indicator'), active ? icon(this.#state.order === 'asc' ? 'caret-up-fill' : 'caret-down-fill')
        : icon('chevron-expand', 'opacity-25'));
    }
  }

  #pageSizeSelect() {
    const id = `${this.#options.id}-limit`;
    return h('div', { class: 'd-flex align-items-center gap-1' },
      h('label', { class: 'small text-body-secondary text-nowrap', for: id }, 'Rows per page'),
      h('select', { id, class: 'form-select form-select-sm w-auto', onchange: (event) => {
        this.#state = { ...this.#state, limit: Number(event.target.value), page: 1 };
        this.#options.onChange(this.state());
      } }, PAGE_SIZES.map((size) => h('option', { value: size, selected: size === Number(this.#state.limit) }, size))));
  }

  #renderPager(data) {
    if (data.pages <= 1) {
      fill(this.#pager);
      return;
    }
    const go = (page) => {
      this.#state = { ...this.#state, page };
      this.#options.onChange(this.state());
    };
    const item = (label, page, { disabled = false, active = false, aria } = {}) => h('li',
      { class: `page-item ${disabled ? 'disabled' : ''} ${active ? 'active' : ''}` },
      h('button', { type: 'button', class: 'page-link', disabled: disabled || active, 'aria-label': aria ?? null,
        'aria-current': active ? 'page' : null, onclick: () => go(page) }, label));
    const items = [item(icon('chevron-left'), data.page - 1, { disabled: !data.has_prev, aria: 'Previous page' })];
    let previous = 0;
    for (const page of pageWindow(data.page, data.pages)) {
      if (page - previous > 1) {
        items.push(h('li', { class: 'page-item disabled' }, h('span', { class: 'page-link' }, '…')));
      }
      items.push(item(String(page), page, { active: page === data.page, aria: `Page ${page}` }));
      previous = page;
    }
    items.push(item(icon('chevron-right'), data.page + 1, { disabled: !data.has_next, aria: 'Next page' }));
    fill(this.#pager, h('ul', { class: 'pagination pagination-sm mb-0' }, items));
  }
}

/** The first, last and the pages around the current one. */
function pageWindow(current, pages) {
  const shown = new Set([1, pages]);
  for (let page = current - 2; page <= current + 2; page += 1) {
    if (page >= 1 && page <= pages) {
      shown.add(page);
    }
  }
  return [...shown].sort((a, b) => a - b);
}
