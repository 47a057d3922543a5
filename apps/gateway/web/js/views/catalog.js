// Officer: search the catalog, filter on domestic (PDN) and UMK, add to the cart.
import { api } from '../api.js';
import { field, h, itemsOf, replace, toast } from '../dom.js';
import { formatPercent, t } from '../i18n.js';
import { formatRupiah } from '../money.js';
import { pager, rupiahInput, tierBadge, umkBadge } from './widgets.js';

const PAGE_SIZE = 24;
/** The catalog's sort values (newest first by default). */
export const SORTS = [
  ['newest', 'sort.newest'],
  ['price_asc', 'sort.priceAsc'],
  ['price_desc', 'sort.priceDesc'],
  ['tkdn_desc', 'sort.tkdnDesc'],
  ['name', 'sort.name'],
];

export async function catalogView(main, { cart, refreshHeader }) {
  const q = h('input', { type: 'search', name: 'q', placeholder: t('searchPlaceholder'), 'aria-label': t('search') });
  const category = h('input', { name: 'category', inputmode: 'numeric', size: 8 });
  const domestic = h('input', { type: 'checkbox', name: 'domestic' });
  const umk = h('input', { type: 'checkbox', name: 'umk' });
  const minPrice = rupiahInput({ name: 'minPrice' });
  const maxPrice = rupiahInput({ name: 'maxPrice' });
  const sort = h(
    'select',
    { name: 'sort' },
    SORTS.map(([value, label]) => h('option', { value }, t(label))),
  );
  const results = h('div', { class: 'results' });
  let page = 1;

  async function search() {
    replace(results, h('p', { class: 'loading' }, t('loading')));
    try {
      const body = await api.get('/api/catalog/products', {
        q: q.value.trim(),
        category: category.value.trim(),
        domestic: domestic.checked && 'true',
        umk: umk.checked && 'true',
        minPrice: minPrice.value(),
        maxPrice: maxPrice.value(),
        sort: sort.value,
        page,
        pageSize: PAGE_SIZE,
      });
      const products = itemsOf(body);
      replace(
        results,
        h('p', { class: 'hint' }, t('results', { count: body?.total ?? products.length })),
        products.length ? h('div', { class: 'cards' }, products.map(productCard)) : h('p', { class: 'empty' }, t('none')),
        pager({ page, pageSize: PAGE_SIZE, count: products.length, total: body?.total }, (next) => ((page = next), search())),
      );
    } catch (error) {
      replace(results, h('p', { class: 'error' }, error.message));
    }
  }

  function productCard(product) {
    const orderable = product.status !== 'delisted' && Number(product.stock) > 0;
    const quantity = h('input', { type: 'number', min: 1, max: product.stock, step: 1, value: '1', 'aria-label': t('quantity'), class: 'qty' });
    return h(
      'article',
      { class: 'card product' },
      h('div', { class: 'badges' }, tierBadge(product.pdnTier), umkBadge(product.vendorUmk)),
      h('h3', {}, product.name),
      h('p', { class: 'vendor' }, product.vendorName ?? `${t('vendor')} ${String(product.vendorId).slice(0, 8)}`),
      h('p', { class: 'price' }, formatRupiah(product.priceIdr), h('small', {}, ` / ${product.unit}`)),
      h('p', { class: 'meta' }, `TKDN ${formatPercent(product.tkdnPercent)} · BMP ${formatPercent(product.bmpPercent)} · ${t('stock')} ${product.stock}`),
      orderable
        ? h(
            'form',
            {
              class: 'add',
              onsubmit: (event) => {
                event.preventDefault();
                cart.add(product, Math.max(1, Math.floor(Number(quantity.value))));
                refreshHeader();
                toast(t('addedToCart', { name: product.name }), 'success');
              },
            },
            quantity,
            h('button', { type: 'submit', class: 'primary' }, t('addToCart')),
          )
        : h('p', { class: 'badge muted' }, t('outOfStock')),
    );
  }

  const filters = h(
    'form',
    { class: 'filters card', onsubmit: (event) => (event.preventDefault(), (page = 1), search()) },
    h('div', { class: 'search-row' }, q, h('button', { type: 'submit', class: 'primary' }, t('search'))),
    h(
      'div',
      { class: 'filter-row' },
      h('label', { class: 'check' }, domestic, t('domesticOnly')),
      h('label', { class: 'check' }, umk, t('umkOnly')),
      field(t('category'), category),
      field(t('minPrice'), minPrice.element),
      field(t('maxPrice'), maxPrice.element),
      field(t('sort'), sort),
    ),
  );
  for (const box of [domestic, umk, sort]) box.addEventListener('change', () => ((page = 1), search()));

  replace(main, h('h1', {}, t('nav.catalog')), filters, results);
  await search();
}
