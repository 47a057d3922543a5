// Charts in plain SVG: series over the weeks of a year as lines (a target dashed) or bars, with a title and a
// summary for screen readers, and every figure in a table beneath (the chart's text fallback). Plain SVG
// rather than a charting library: the page loads only its own scripts, with no build step, and these few
// shapes need no more than this.
import { h, table } from './dom.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 250;
const PAD = { top: 12, right: 14, bottom: 26, left: 64 };
const GRID_STEPS = 4;

let charts = 0;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  for (const child of children.flat())
    if (child !== null && child !== undefined) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** The smallest of 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: a top for the scale whose steps read easily. */
export function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((top) => top >= value);
}

/**
 * A chart of `series` over `labels` (one value per label; null leaves a gap).
 * - `series`: [{ label, values, kind: 'line' | 'target' | 'bar', format(value) }]: a line, a dashed line, or bars;
 *   `format` writes a value for the point's tooltip.
 * - `yMax`: the top of the scale (percentages: 100); by default a round figure above the largest value.
 * - `yFormat(value)`: the scale's labels; `tick(label, index)`: the text under a label, or null for none.
 * - `columns`: the fallback table's columns, each { label, cell(index), align }; a row per label.
 * - `description`: what the chart shows, in a sentence (the latest figures), for screen readers.
 */
export function chart({ name, title, description, labels, series, columns, yMax, yFormat = String, tick = () => null }) {
  const id = `chart-${++charts}`;
  const values = series.flatMap((s) => s.values).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const top = yMax ?? niceCeiling(Math.max(0, ...values));
  const plot = { width: WIDTH - PAD.left - PAD.right, height: HEIGHT - PAD.top - PAD.bottom };
  const band = plot.width / Math.max(1, labels.length);
  const x = (i) => PAD.left + (i + 0.5) * band;
  const y = (value) => PAD.top + plot.height - (Math.min(Math.max(value, 0), top) / top) * plot.height;

  const grid = svg(
    'g',
    { class: 'grid axis' },
    Array.from({ length: GRID_STEPS + 1 }, (_, step) => {
      const value = (top * step) / GRID_STEPS;
      return svg(
        'g',
        {},
        svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
        svg('text', { x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, yFormat(value)),
      );
    }),
    labels.map((label, i) => {
      const text = tick(label, i);
      return text ? svg('text', { x: x(i), y: HEIGHT - 6, 'text-anchor': 'middle' }, text) : null;
    }),
  );

  const bars = series.filter((s) => s.kind === 'bar');
  const drawn = series.map((s, index) => {
    const colour = `c${index % 4}`;
    const point = (value, i) => `${labels[i]}: ${s.label} ${(s.format ?? yFormat)(value)}`;
    if (s.kind === 'bar') {
      const slot = bars.indexOf(s);
      const width = (band * 0.8) / bars.length;
      return svg(
        'g',
        { class: colour },
        // a week without sales has no bar (its row in the table says 0)
        s.values.map((value, i) =>
          typeof value === 'number' && value > 0
            ? svg(
                'rect',
                { class: 'bar', x: x(i) - band * 0.4 + slot * width, y: y(value), width: Math.max(1, width - 1), height: y(0) - y(value) },
                svg('title', {}, point(value, i)),
              )
            : null,
        ),
      );
    }
    const segments = [];
    s.values.forEach((value, i) => {
      if (typeof value !== 'number') return;
      const move = i === 0 || typeof s.values[i - 1] !== 'number';
      segments.push(`${move ? 'M' : 'L'}${x(i).toFixed(1)},${y(value).toFixed(1)}`);
    });
    const target = s.kind === 'target';
    // one marker, where the line stands now; every other week is in the table
    const last = s.values.findLastIndex((value) => typeof value === 'number');
    return svg(
      'g',
      { class: colour },
      svg('path', { class: `series ${colour} ${target ? 'dashed' : ''}`, d: segments.join(' ') }, svg('title', {}, s.label)),
      target || last < 0 ? null : svg('circle', { class: 'point', cx: x(last), cy: y(s.values[last]), r: 4 }, svg('title', {}, point(s.values[last], last))),
    );
  });

  return h(
    'figure',
    { class: 'chart', 'data-chart': name },
    h('figcaption', { id: `${id}-title` }, title),
    h('p', { id: `${id}-desc`, class: 'visually-hidden' }, description),
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc` }, grid, drawn),
    h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      series.map((s, index) => h('li', { class: `c${index % 4}` }, h('span', { class: `swatch ${s.kind === 'target' ? 'dashed' : ''}` }), s.label)),
    ),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', {}, t('chart.table')),
      table(
        columns,
        labels.map((_, i) => i),
        { empty: t('none') },
      ),
    ),
  );
}
