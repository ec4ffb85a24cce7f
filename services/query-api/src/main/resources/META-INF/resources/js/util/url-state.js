/** Keeps a page's state (filters, sort, page, chart options) in the address bar, so views can be shared and revisited. */

/** The current query string as an object of strings. */
export function readUrlState() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** Writes {@code state} (empty values left out) to the address bar; a new history entry when {@code push}. */
export function writeUrlState(state, push = false) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  const url = `${location.pathname}${text ? `?${text}` : ''}`;
  if (url !== location.pathname + location.search) {
    if (push) {
      history.pushState(null, '', url);
    } else {
      history.replaceState(null, '', url);
    }
  }
}
