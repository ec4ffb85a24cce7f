/** Small DOM helpers. Data is always inserted as text, never parsed as HTML. */

/**
 * Creates an element. Attributes: "class", "dataset" (object), "style" (object of CSSOM properties),
 * "on<event>" (listener), true for a boolean
 * attribute; null, undefined and false are left out. Children: nodes, strings, numbers, nested arrays.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'style') {
      // through the CSSOM, which the page's Content-Security-Policy allows (style attributes it would block)
      Object.assign(element.style, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children (see {@link h}) to an element. */
export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

/** A Bootstrap icon (decorative: hidden from assistive technology). */
export function icon(name, extraClass = '') {
  return h('i', { class: `bi bi-${name} ${extraClass}`.trim(), 'aria-hidden': 'true' });
}

/** A spinner with a text for screen readers. */
export function spinner(label = 'Loading…', small = true) {
  return h('span', { class: `spinner-border ${small ? 'spinner-border-sm' : ''} text-primary`, role: 'status' },
    h('span', { class: 'visually-hidden' }, label));
}

/** A unique id for label/aria wiring. */
let sequence = 0;
export function uid(prefix) {
  sequence += 1;
  return `${prefix}-${sequence}`;
}
