/** Short notices in the corner of the page, read out by screen readers (the stack is an aria-live region). */
import { h, icon } from '../util/dom.js';

const STYLES = {
  success: ['text-bg-success', 'check-circle'],
  error: ['text-bg-danger', 'exclamation-triangle'],
  info: ['text-bg-primary', 'info-circle'],
};
const VISIBLE_MS = 6000;

/** Shows {@code message} for a few seconds; errors stay until closed. */
export function toast(message, kind = 'info') {
  const stack = document.getElementById('toasts');
  if (!stack) {
    return;
  }
  const [style, symbol] = STYLES[kind] ?? STYLES.info;
  const close = () => item.remove();
  const item = h('div', { class: `toast show align-items-center border-0 ${style}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'd-flex' },
      h('div', { class: 'toast-body' }, icon(symbol, 'me-2'), message),
      h('button', { type: 'button', class: 'btn-close btn-close-white me-2 m-auto', 'aria-label': 'Close', onclick: close })));
  stack.append(item);
  if (kind !== 'error') {
    setTimeout(close, VISIBLE_MS);
  }
}
