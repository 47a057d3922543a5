// Auditors: the audit trail of every service (who changed what, when, from
// where, before and after), merged newest first, with filters.
import { api } from '../api.js';
import { busy, field, h, replace, table } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/** Each service's trail and where the gateway forwards its read. */
export const TRAILS = [
  ['catalog', '/api/catalog/audit'],
  ['orders', '/api/orders/audit'],
  ['budget', '/api/budget/audit'],
  ['auth', '/api/auth/audit'],
];

/** Most entries asked of each trail. */
const PER_TRAIL = 100;

/** The entries of several trails as one list, newest first, each tagged with its source; at most `limit`. */
export function mergeTrails(pages, limit = PER_TRAIL) {
  return pages
    .flatMap(({ source, items }) => items.map((entry) => ({ ...entry, source })))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}

/** A from/to date as the instant the API filters on: the start of that day, or of the next one for `to`. */
export function dayBound(date, { end = false } = {}) {
  if (!date) return undefined;
  const day = new Date(`${date}T00:00:00`);
  if (end) day.setDate(day.getDate() + 1);
  return day.toISOString();
}

const shown = (value) => (value === null || value === undefined ? '–' : h('code', { class: 'audit-value' }, JSON.stringify(value, null, 1)));

function columns() {
  return [
    { label: t('audit.at'), cell: (e) => formatDate(e.at) },
    { label: t('audit.source'), cell: (e) => t(`audit.source.${e.source}`) },
    { label: t('audit.who'), cell: (e) => [h('strong', {}, e.username ?? '–'), e.role ? h('small', {}, ` ${e.role}`) : null] },
    { label: t('audit.address'), cell: (e) => e.clientAddress ?? '–' },
    { label: t('audit.action'), cell: (e) => h('code', {}, e.action) },
    { label: t('audit.entityId'), cell: (e) => e.entityId ?? '–' },
    { label: t('audit.before'), cell: (e) => shown(e.before) },
    { label: t('audit.after'), cell: (e) => shown(e.after) },
  ];
}

export async function auditView(main) {
  const username = h('input', { name: 'username', autocomplete: 'off', placeholder: 'ppk.415423' });
  const action = h('input', { name: 'action', autocomplete: 'off', placeholder: 'product.update / order.' });
  const entityId = h('input', { name: 'entityId', autocomplete: 'off' });
  const from = h('input', { name: 'from', type: 'date' });
  const to = h('input', { name: 'to', type: 'date' });
  const source = h(
    'select',
    { name: 'source' },
    h('option', { value: '' }, t('audit.allSources')),
    TRAILS.map(([name]) => h('option', { value: name }, t(`audit.source.${name}`))),
  );
  const output = h('div');
  const show = h('button', { type: 'submit', class: 'primary' }, t('show'));
  const form = h(
    'form',
    {
      class: 'card filters filter-row',
      onsubmit: (event) => {
        event.preventDefault();
        busy(show, async () => {
          const query = {
            username: username.value.trim(),
            action: action.value.trim(),
            entityId: entityId.value.trim(),
            from: dayBound(from.value),
            to: dayBound(to.value, { end: true }),
            limit: PER_TRAIL,
          };
          const trails = TRAILS.filter(([name]) => !source.value || name === source.value);
          const pages = await Promise.all(trails.map(async ([name, path]) => ({ source: name, items: (await api.get(path, query)).items })));
          const entries = mergeTrails(pages);
          replace(output, h('p', { class: 'hint' }, t('audit.newest', { count: entries.length })), table(columns(), entries, { empty: t('none') }));
        });
      },
    },
    field(t('username'), username),
    field(t('audit.action'), action),
    field(t('audit.entityId'), entityId),
    field(t('audit.from'), from),
    field(t('audit.to'), to),
    field(t('audit.source'), source),
    show,
  );
  replace(main, h('h1', {}, t('audit.title')), h('p', { class: 'hint' }, t('audit.hint')), form, output);
  form.requestSubmit();
}
