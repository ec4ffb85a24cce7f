/**
 * The loading, empty and error states of a panel, shown the same way everywhere. The panel's
 * {@code data-state} attribute tells scripts and tests which state it is in (loading, ready, empty, error).
 */
import { h, icon, spinner } from '../util/dom.js';

/** Marks {@code element} as being in {@code state}. */
export function setState(element, state) {
  element.dataset.state = state;
  element.setAttribute('aria-busy', String(state === 'loading'));
}

/** A centred "loading" block. */
export function loadingBlock(label = 'Loading…') {
  return h('div', { class: 'state-block text-body-secondary' }, spinner(label), h('span', {}, label));
}

/** A centred "nothing here" block with a hint. */
export function emptyBlock(title, hint) {
  return h('div', { class: 'state-block text-body-secondary' },
    icon('inbox', 'fs-3'), h('strong', {}, title), hint ? h('span', { class: 'small' }, hint) : null);
}

/** A centred error block with what went wrong and a retry button. */
export function errorBlock(error, retry) {
  const message = typeof error?.describe === 'function' ? error.describe() : (error?.message ?? String(error));
  return h('div', { class: 'state-block text-danger', role: 'alert' },
    icon('exclamation-octagon', 'fs-3'),
    h('strong', {}, 'Could not load this part of the page'),
    h('span', { class: 'small' }, message),
    error?.errorId ? h('span', { class: 'small text-body-secondary' }, `Error id ${error.errorId}`) : null,
    retry ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-danger mt-1', onclick: retry },
      icon('arrow-clockwise', 'me-1'), 'Try again') : null);
}
