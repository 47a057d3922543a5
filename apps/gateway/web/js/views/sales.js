// A vendor's sales through the year: what it contracted and what it was paid, week by week.
import { api } from '../api.js';
import { field, h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { sum } from '../money.js';
import { salesChart } from './weekly-charts.js';
import { kpi, money } from './widgets.js';

export async function salesView(main) {
  const year = h('input', { type: 'number', name: 'fiscalYear', min: 2000, max: 2100, value: String(new Date().getFullYear()) });
  const body = h('div', {}, t('loading'));

  async function load() {
    try {
      const sales = await api.get('/api/orders/vendor-sales/weekly', { fiscalYear: Number(year.value) });
      const total = (name) => sum(sales.weeks.map((week) => week[name]));
      replace(
        body,
        h(
          'section',
          { class: 'kpis' },
          kpi('orders', t('chart.orders'), String(sales.weeks.reduce((count, week) => count + week.orders, 0))),
          kpi('contracted', t('chart.contracted'), money(total('contractedIdr'))),
          kpi('paid', t('chart.paid'), money(total('paidIdr'))),
        ),
        salesChart(sales),
      );
    } catch (error) {
      replace(body, h('p', { class: 'error' }, error.message));
    }
  }

  year.addEventListener('change', load);
  replace(main, h('div', { class: 'toolbar' }, h('h1', {}, t('nav.sales')), field(t('fiscalYear'), year)), body);
  await load();
}
