/**
 * Chart.js, loaded as its UMD bundle from the WebJar (a classic deferred script that runs before the page's
 * modules). The ES module build would need an import map for its own dependency; the bundle has it inside.
 */
export const Chart = window.Chart;

if (!Chart) {
  throw new Error('Chart.js did not load: /webjars/chart.js/…/chart.umd.min.js is missing from the page');
}
