import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { call, dashboardSettings } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { list, time, timeElement, utcDay, zone } from '../format.js';

let OFFICIAL = new Set();
const DAY = 86400;
const COLOURS = ['#0b5cad', '#c2410c', '#1a7f37', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];
const RANGES = [['all', 'All history'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['365', 'Last year']];

export function render(view) {
  const charts = [];
  const range = h('select', { name: 'range' }, RANGES.map(([value, label]) => h('option', { value }, label)));
  const body = h('div', { id: 'rates-body' });
  view.append(
    h('h1', {}, 'Rates'),
    h('p', { class: 'hint' }, `Every pair's quotes by source, tickers and official rates overlaid; the shaded band is each quote's precision `
      + `(± half a unit of its last decimal). Marked points are big moves. Times in ${zone}. Choose a day on a chart, or type it, to see that country's news around it.`),
    h('div', { class: 'row' }, field('Period', range)),
    body);
  let threshold = 1.0;
  const load = async () => {
    charts.splice(0).forEach((chart) => chart.destroy());
    clear(body, h('p', { class: 'hint' }, 'Loading rates…'));
    try {
      OFFICIAL = new Set((await dashboardSettings()).officialSources);
      const settings = await call('rates', '/api/rates/settings').catch(() => null);
      if (settings && settings.bigMoveThresholdPct) threshold = Number(settings.bigMoveThresholdPct);
      const latest = await call('article', '/api/rates');
      clear(body);
      if (!latest.items.length) {
        body.append(notice('No rates yet: quotes arrive from pages and the central banks.'));
        return;
      }
      for (const rate of latest.items) {
        body.append(pairSection(rate, range.value, threshold, charts));
      }
    } catch (e) {
      clear(body, notice(e.message, 'error'));
    }
  };
  range.addEventListener('change', load);
  load();
  const resize = () => charts.forEach((chart) => chart.setSize({ width: chart.root.parentElement.clientWidth, height: 260 }));
  window.addEventListener('resize', resize);
  return { leave: () => { window.removeEventListener('resize', resize); charts.forEach((chart) => chart.destroy()); } };
}

function pairSection(rate, range, threshold, charts) {
  const slug = rate.pair.replace('/', '-');
  const headingId = `pair-${slug}`;
  const figure = h('figure', { class: 'chart', 'aria-labelledby': headingId, dataset: { pair: rate.pair } });
  const news = h('div', { class: 'news-around', 'aria-live': 'polite' });
  const day = h('input', { type: 'date', name: 'day' });
  const dayForm = h('form', { class: 'row', 'aria-label': `News around a day of ${rate.pair}` },
    field('Day (UTC)', day), h('button', { type: 'submit' }, 'Show news of that day'));
  const section = h('section', { class: 'pair', 'aria-labelledby': headingId, dataset: { pair: rate.pair } },
    h('h2', { id: headingId }, rate.pair),
    h('p', { class: 'meta' }, `Latest ${rate.rate} (${rate.source}, `, timeElement(rate.asOf), ')',
      rate.official ? ` · official ${rate.official.rate} (${rate.official.source})` : '',
      rate.ticker ? ` · ticker ${rate.ticker.rate} (${rate.ticker.source})` : ''),
    figure, dayForm, news);
  const showDay = (date) => {
    day.value = date;
    newsAround(rate.pair, date, news);
  };
  dayForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (day.value) showDay(day.value);
  });
  history(rate.pair, range).then((points) => {
    if (!points.length) {
      figure.append(notice('No history yet.'));
      return;
    }
    day.value = utcDay(Date.parse(points[points.length - 1].asOf) / 1000);
    charts.push(chart(figure, rate.pair, points, threshold, showDay));
  }).catch((e) => figure.append(notice(e.message, 'error')));
  return section;
}

async function history(pair, range) {
  let query = '';
  if (range !== 'all') {
    const from = new Date(Date.now() - Number(range) * 86400000).toISOString().slice(0, 10);
    query = `?from=${from}`;
  }
  const answer = await call('article', `/api/rates/${encodeURIComponent(pair.replace('/', '-'))}/history${query}`);
  return answer.items;
}

/** Whether a quote moved beyond the threshold from the source's previous one, as reported or beyond its precision. */
function bigMove(previous, point, threshold) {
  if (point.reportedChangePct !== null && point.reportedChangePct !== undefined
      && Math.abs(Number(point.reportedChangePct)) >= threshold) return true;
  if (!previous) return false;
  const low = (Number(point.rateLow) - Number(previous.rateHigh)) / Number(previous.rateHigh) * 100;
  const high = (Number(point.rateHigh) - Number(previous.rateLow)) / Number(previous.rateLow) * 100;
  return low >= threshold || high <= -threshold;
}

function chart(figure, pair, points, threshold, showDay) {
  const sources = [...new Set(points.map((p) => p.source))].sort((a, b) => (OFFICIAL.has(b) - OFFICIAL.has(a)) || a.localeCompare(b));
  const xs = [...new Set(points.map((p) => Date.parse(p.asOf) / 1000))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const column = () => new Array(xs.length).fill(null);
  const data = [xs];
  const series = [{ label: 'Time' }];
  const bands = [];
  const moves = column();
  const bySource = {};
  sources.forEach((source, n) => {
    const colour = COLOURS[n % COLOURS.length];
    const rate = column(); const low = column(); const high = column();
    let previous = null;
    for (const point of points.filter((p) => p.source === source)) {
      const i = index.get(Date.parse(point.asOf) / 1000);
      rate[i] = Number(point.rate); low[i] = Number(point.rateLow); high[i] = Number(point.rateHigh);
      if (bigMove(previous, point, threshold)) moves[i] = Number(point.rate);
      previous = point;
    }
    bySource[source] = rate;
    const kind = OFFICIAL.has(source) ? 'official' : 'ticker';
    const base = data.length;
    data.push(rate, high, low);
    series.push(
      { label: `${source} (${kind})`, stroke: colour, width: 2, spanGaps: true, dash: kind === 'official' ? [6, 4] : undefined,
        points: { show: true, size: 5 } },
      { label: `${source} high`, class: 'band-edge', stroke: 'transparent', spanGaps: true, points: { show: false } },
      { label: `${source} low`, class: 'band-edge', stroke: 'transparent', spanGaps: true, points: { show: false } });
    bands.push({ series: [base + 1, base + 2], fill: `${colour}22` });
  });
  data.push(moves);
  series.push({ label: 'big move', stroke: '#b3261e', width: 0, paths: () => null, points: { show: true, size: 11, width: 2, fill: 'transparent' } });

  const width = Math.max(280, figure.clientWidth || figure.parentElement.clientWidth || 600);
  const plot = new uPlot({
    width, height: 260, series, bands,
    scales: {
      x: { time: true },
      // Rates differ in their fourth significant digit: pad by a tenth of the span, or by 1 % of a lone rate.
      y: { range: (u, min, max) => {
        const pad = max > min ? (max - min) / 10 : Math.abs(max) / 100 || 1;
        return [min - pad, max + pad];
      } },
    },
    axes: [{}, { size: 84, values: (u, splits) => splits.map((v) => Number(v.toPrecision(5)).toString()) }],
    legend: { live: true },
  }, data, figure);
  // A day either side at least, so that a pair with one quote shows that day, not years around it.
  if (xs[xs.length - 1] - xs[0] < 2 * DAY) plot.setScale('x', { min: xs[0] - DAY, max: xs[xs.length - 1] + DAY });
  // A click on the chart lists the news around the day under the cursor.
  plot.over.addEventListener('click', () => {
    const i = plot.cursor.idx;
    if (i !== null && i !== undefined) showDay(utcDay(xs[i]));
  });
  figure.append(h('figcaption', { class: 'visually-hidden' }, `${pair}: ${points.length} quotes from ${list(sources)}`));
  // What the chart holds, for people who cannot see it and for the browser tests.
  figure.chartData = { pair, sources: Object.fromEntries(sources.map((s) => [s, points.filter((p) => p.source === s)
    .map((p) => ({ asOf: p.asOf, rate: Number(p.rate) }))])), bigMoves: moves.filter((m) => m !== null).length };
  figure.dataset.points = String(points.length);
  figure.dataset.plotted = String(Object.values(bySource).reduce((sum, rates) => sum + rates.filter((r) => r !== null).length, 0));
  figure.append(h('details', {}, h('summary', {}, `Quotes of ${pair} as a table`),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'As of'), h('th', { scope: 'col' }, 'Source'),
        h('th', { scope: 'col' }, 'Rate'), h('th', { scope: 'col' }, 'Precision'))),
      h('tbody', {}, points.map((p) => h('tr', {}, h('td', {}, time(p.asOf)), h('td', {}, p.source), h('td', {}, p.rate),
        h('td', {}, `${p.rateLow} – ${p.rateHigh}`))))))));
  return plot;
}

async function newsAround(pair, date, target) {
  clear(target, h('p', { class: 'hint' }, `Loading the news around ${date}…`));
  try {
    const context = await call('article', `/api/rates/${encodeURIComponent(pair.replace('/', '-'))}/context?date=${encodeURIComponent(date)}`);
    clear(target, h('h3', {}, `${pair} on ${date}: ${context.moves.length} change(s), news of ${list(context.countries)}`));
    if (!context.articles.length) {
      target.append(notice('No articles about those countries from the day before to the day after.'));
      return;
    }
    target.append(h('ul', { class: 'cards' }, context.articles.map((a) => h('li', { class: 'card' },
      h('strong', {}, a.title), h('p', { class: 'meta' }, `${a.source} · ${a.publishedOn} · ${list(a.countries)} · ${list(a.tags)}`)))));
  } catch (e) {
    clear(target, notice(e.message, 'error'));
  }
}
