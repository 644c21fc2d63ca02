// The console's only script of its own: turns each canvas[data-chart] (a Chart.js configuration
// in escaped JSON, written by the server) into a chart, including in fragments htmx swaps in.
// It lives in a file because the Content-Security-Policy allows no inline script.
(() => {
  const selector = "canvas[data-chart]";

  function canvasesIn(element) {
    if (!(element instanceof Element)) return [];
    return element.matches(selector) ? [element] : [...element.querySelectorAll(selector)];
  }

  function draw(element) {
    for (const canvas of canvasesIn(element)) {
      window.Chart.getChart(canvas)?.destroy();
      new window.Chart(canvas, JSON.parse(canvas.dataset.chart));
    }
  }

  // htmx:load fires for the page once htmx is ready and for every fragment it swaps in.
  document.addEventListener("htmx:load", (event) => draw(event.detail.elt));
  // A chart keeps listeners on its canvas; free them when htmx removes the canvas.
  document.addEventListener("htmx:beforeCleanupElement", (event) => {
    for (const canvas of canvasesIn(event.detail.elt)) window.Chart.getChart(canvas)?.destroy();
  });
})();
