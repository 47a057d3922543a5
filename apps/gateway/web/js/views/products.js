// Vendor: my products — create, edit, delist and relist; PDN tier shown as a badge.
import { api } from '../api.js';
import { busy, field, h, itemsOf, replace, table, toast } from '../dom.js';
import { formatPercent, t } from '../i18n.js';
import { formatRupiah } from '../money.js';
import { pager, rupiahInput, tierBadge, umkBadge } from './widgets.js';

const PAGE_SIZE = 20;
const TEXT_FIELDS = ['sku', 'name', 'categoryCode', 'unit', 'tkdnCertificateNo', 'tkdnCertificateExpiresOn', 'catalogType', 'description', 'priceRegion'];

export async function productsView(main, { user }) {
  const state = { page: 1, touched: new Map() };
  const formSlot = h('div');
  const listSlot = h('div', {}, t('loading'));

  async function load() {
    try {
      const body = await api.get('/api/catalog/products', { vendorId: user.vendorId, page: state.page, pageSize: PAGE_SIZE });
      const listed = itemsOf(body);
      const extra = [...state.touched.values()].filter((p) => !listed.some((l) => l.id === p.id));
      renderList([...listed, ...extra], { page: state.page, pageSize: PAGE_SIZE, count: listed.length, total: body?.total });
    } catch (error) {
      replace(listSlot, h('p', { class: 'error' }, error.message));
    }
  }

  function remember(product) {
    if (product?.id) state.touched.set(product.id, product);
  }

  function renderList(products, paging) {
    replace(
      listSlot,
      table(
        [
          { label: t('sku'), cell: (p) => p.sku },
          { label: t('name'), cell: (p) => [h('strong', {}, p.name), ' ', umkBadge(p.vendorUmk)] },
          { label: t('price'), align: 'end', cell: (p) => [formatRupiah(p.priceIdr), h('small', {}, ` / ${p.unit}`)] },
          { label: t('stock'), align: 'end', cell: (p) => String(p.stock) },
          { label: `${t('tkdn')} / ${t('bmp')}`, align: 'end', cell: (p) => `${formatPercent(p.tkdnPercent)} / ${formatPercent(p.bmpPercent)}` },
          { label: 'PDN', cell: (p) => tierBadge(p.pdnTier) },
          { label: t('status'), cell: (p) => h('span', { class: `badge product-${p.status}` }, t(`productStatus.${p.status}`)) },
          { label: t('actions'), cell: actions },
        ],
        products,
        { empty: t('noProducts'), rowClass: (p) => (p.status === 'delisted' ? 'muted' : undefined) },
      ),
      pager(paging, (page) => ((state.page = page), load())),
    );
  }

  function actions(product) {
    const edit = h('button', { type: 'button', onclick: () => openForm(product) }, t('edit'));
    const toggle =
      product.status === 'delisted'
        ? h(
            'button',
            {
              type: 'button',
              onclick: (e) =>
                busy(e.currentTarget, async () => (remember(await api.post(`/api/catalog/products/${product.id}/relist`)), toast(t('relisted')), load())),
            },
            t('relist'),
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: (e) =>
                confirm(t('confirmDelist', { name: product.name })) &&
                busy(e.currentTarget, async () => {
                  const answer = await api.delete(`/api/catalog/products/${product.id}`);
                  remember(answer && typeof answer === 'object' ? answer : { ...product, status: 'delisted' });
                  toast(t('delisted'));
                  await load();
                }),
            },
            t('delist'),
          );
    return h('div', { class: 'row-actions' }, edit, toggle);
  }

  function openForm(product) {
    replace(
      formSlot,
      productForm(
        product ?? {},
        async (payload) => {
          const saved = product
            ? await api.patch(`/api/catalog/products/${product.id}`, changes(product, payload))
            : await api.post('/api/catalog/products', payload);
          remember(saved);
          toast(t('productSaved'));
          replace(formSlot);
          await load();
        },
        () => replace(formSlot),
      ),
    );
    formSlot.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  replace(
    main,
    h(
      'div',
      { class: 'toolbar' },
      h('h1', {}, t('nav.products')),
      h('button', { type: 'button', class: 'primary', onclick: () => openForm(undefined) }, `+ ${t('newProduct')}`),
    ),
    formSlot,
    listSlot,
  );
  await load();
}

function changes(original, payload) {
  return Object.fromEntries(Object.entries(payload).filter(([name, value]) => String(original[name] ?? '') !== String(value ?? '')));
}

function productForm(product, save, close) {
  const input = (name, props = {}) => h('input', { name, value: product[name] ?? '', ...props });
  const inputs = {
    sku: input('sku', { required: true, maxlength: 64 }),
    name: input('name', { required: true, maxlength: 200 }),
    categoryCode: input('categoryCode', { required: true, inputmode: 'numeric', pattern: '[0-9]{1,10}' }),
    unit: input('unit', { required: true, placeholder: 'unit / pcs / paket' }),
    stock: input('stock', { type: 'number', min: 0, step: 1, required: true }),
    origin: h(
      'select',
      { name: 'origin', required: true },
      h('option', { value: '', disabled: true, selected: !product.origin }, t('chooseOrigin')),
      ['domestic', 'import'].map((origin) => h('option', { value: origin, selected: product.origin === origin }, t(`origin.${origin}`))),
    ),
    tkdnPercent: input('tkdnPercent', { type: 'number', min: 0, max: 100, step: 0.01, required: true }),
    bmpPercent: input('bmpPercent', { type: 'number', min: 0, max: 15, step: 0.01, required: true }),
    tkdnCertificateNo: input('tkdnCertificateNo'),
    tkdnCertificateExpiresOn: input('tkdnCertificateExpiresOn', { type: 'date' }),
    catalogType: h(
      'select',
      { name: 'catalogType' },
      ['national', 'sectoral', 'local'].map((type) =>
        h('option', { value: type, selected: (product.catalogType ?? 'national') === type }, t(`catalogType.${type}`)),
      ),
    ),
    description: h('textarea', { name: 'description', rows: 3 }, product.description ?? ''),
    priceRegion: input('priceRegion'),
  };
  const price = rupiahInput({ name: 'priceIdr', value: product.priceIdr, required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));

  return h(
    'form',
    {
      class: 'card form-grid',
      onsubmit: (event) => {
        event.preventDefault();
        const payload = {
          ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, inputs[name].value.trim()]).filter(([, value]) => value !== '')),
          priceIdr: price.value(),
          origin: inputs.origin.value,
          stock: Number(inputs.stock.value),
          tkdnPercent: Number(inputs.tkdnPercent.value),
          bmpPercent: Number(inputs.bmpPercent.value),
        };
        busy(submit, () => save(payload));
      },
    },
    h('h2', { class: 'span-all' }, product.id ? t('editProduct', { sku: product.sku }) : t('newProduct')),
    field(t('sku'), inputs.sku),
    field(t('name'), inputs.name),
    field(t('category'), inputs.categoryCode),
    field(t('unit'), inputs.unit),
    field(t('price'), price.element),
    field(t('stock'), inputs.stock),
    field(t('origin'), inputs.origin, t('originHint')),
    field(t('tkdn'), inputs.tkdnPercent),
    field(t('bmp'), inputs.bmpPercent),
    field(t('tkdnCertificateNo'), inputs.tkdnCertificateNo),
    field(t('tkdnCertificateExpiresOn'), inputs.tkdnCertificateExpiresOn),
    field(t('catalogType'), inputs.catalogType),
    field(t('priceRegion'), inputs.priceRegion),
    h('div', { class: 'span-all' }, field(t('description'), inputs.description)),
    h('div', { class: 'span-all form-actions' }, submit, h('button', { type: 'button', onclick: close }, t('cancel'))),
  );
}
