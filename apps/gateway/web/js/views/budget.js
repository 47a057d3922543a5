// Finance: budget lines in scope. K/L finance allocates or revises a line's
// ceiling and blokir, or imports the DIPA as CSV; a satker's own finance, its
// officers and auditors read only (the pagu comes from the DIPA).
import { api } from '../api.js';
import { busy, field, h, itemsOf, replace, table, toast } from '../dom.js';
import { formatDate, formatPercent, t } from '../i18n.js';
import { formatRupiah, percentOf } from '../money.js';
import { remainingOf } from './cart.js';
import { rupiahInput } from './widgets.js';

export async function budgetView(main, { user }) {
  const year = h('input', { type: 'number', name: 'fiscalYear', min: 2000, value: String(new Date().getFullYear()) });
  const list = h('div', {}, t('loading'));
  const editable = user.role === 'finance' && Boolean(user.klCode) && !user.satkerCode;
  const form = editable ? allocateForm(user, () => load()) : undefined;
  const dipa = editable ? dipaForm(() => load()) : undefined;
  const readOnlyHint = user.role === 'finance' && !editable ? h('p', { class: 'hint' }, t('paguFromDipa')) : undefined;

  async function load() {
    try {
      const lines = itemsOf(
        await api.get('/api/budget/lines', { fiscalYear: year.value, satkerCode: user.satkerCode, klCode: user.satkerCode ? undefined : user.klCode }),
      );
      replace(
        list,
        table(
          [
            { label: t('satker'), cell: (l) => l.satkerCode },
            { label: t('accountCode'), cell: (l) => l.accountCode },
            { label: t('pagu'), align: 'end', cell: (l) => formatRupiah(l.paguIdr) },
            { label: t('blokir'), align: 'end', cell: (l) => h('span', { 'data-field': 'blokir' }, formatRupiah(l.blokirIdr ?? '0')) },
            { label: t('committed'), align: 'end', cell: (l) => formatRupiah(l.committedIdr) },
            { label: t('realised'), align: 'end', cell: (l) => formatRupiah(l.realisedIdr) },
            { label: t('remaining'), align: 'end', cell: (l) => h('strong', { 'data-field': 'remaining' }, formatRupiah(remainingOf(l))) },
            { label: t('absorption'), align: 'end', cell: (l) => formatPercent(percentOf(l.realisedIdr, availableOf(l))) },
            { label: t('updated'), cell: (l) => formatDate(l.updatedAt) },
            ...(editable ? [{ label: t('actions'), cell: (l) => h('button', { type: 'button', onclick: () => form.fill(l) }, t('revise')) }] : []),
          ],
          lines,
          { empty: t('noLines'), rowClass: (l) => `line-${l.fiscalYear}-${l.satkerCode}-${l.accountCode}` },
        ),
      );
    } catch (error) {
      replace(list, h('p', { class: 'error' }, error.message));
    }
  }
  year.addEventListener('change', load);

  replace(main, h('div', { class: 'toolbar' }, h('h1', {}, t('nav.budget')), field(t('fiscalYear'), year)), readOnlyHint, form?.element, dipa, list);
  await load();
}

function allocateForm(user, saved) {
  const fiscalYear = h('input', { type: 'number', name: 'fiscalYear', min: 2000, required: true, value: String(new Date().getFullYear()) });
  const satker = h('input', {
    name: 'satkerCode',
    required: true,
    pattern: '[0-9]{6}',
    inputmode: 'numeric',
    value: user.satkerCode ?? '',
    readonly: Boolean(user.satkerCode),
  });
  const account = h('input', { name: 'accountCode', required: true, pattern: '5[23][0-9]{4}', inputmode: 'numeric', placeholder: '521211' });
  const pagu = rupiahInput({ name: 'paguIdr', required: true });
  const blokir = rupiahInput({ name: 'blokirIdr' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const element = h(
    'form',
    {
      class: 'card form-grid',
      onsubmit: (event) => {
        event.preventDefault();
        busy(submit, async () => {
          const blokirIdr = blokir.value();
          await api.put(`/api/budget/lines/${fiscalYear.value}/${satker.value.trim()}/${account.value.trim()}`, {
            paguIdr: pagu.value(),
            ...(blokirIdr ? { blokirIdr } : {}),
          });
          toast(t('saved'), 'success');
          await saved();
        });
      },
    },
    h('h2', { class: 'span-all' }, t('allocate')),
    field(t('fiscalYear'), fiscalYear),
    field(t('satker'), satker),
    field(t('accountCode'), account, t('accountHint')),
    field(t('pagu'), pagu.element, t('allocateHint')),
    field(t('blokir'), blokir.element, t('blokirHint')),
    h('div', { class: 'span-all form-actions' }, submit),
  );
  return {
    element,
    fill(line) {
      fiscalYear.value = String(line.fiscalYear);
      satker.value = line.satkerCode;
      account.value = line.accountCode;
      pagu.input.value = new Intl.NumberFormat('id-ID').format(BigInt(line.paguIdr));
      pagu.input.dispatchEvent(new Event('input'));
      blokir.input.value = new Intl.NumberFormat('id-ID').format(BigInt(line.blokirIdr ?? '0'));
      blokir.input.dispatchEvent(new Event('input'));
      pagu.input.focus();
      element.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  };
}

/** pagu − blokir: what absorption is measured against. */
const availableOf = (line) => String(BigInt(line.paguIdr) - BigInt(line.blokirIdr ?? '0'));

/** K/L finance uploads its DIPA as CSV; the answer lists each line's outcome. */
function dipaForm(imported) {
  const file = h('input', { type: 'file', name: 'dipa', accept: '.csv,text/csv', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('dipaImport'));
  const report = h('div', { class: 'span-all' });
  return h(
    'form',
    {
      class: 'card form-grid dipa',
      onsubmit: (event) => {
        event.preventDefault();
        busy(submit, async () => {
          const result = await api.postCsv('/api/budget/dipa', await file.files[0].text());
          replace(
            report,
            h('p', {}, t('dipaCounts', result)),
            table(
              [
                { label: t('dipaLine'), cell: (l) => String(l.line) },
                { label: t('satker'), cell: (l) => l.satkerCode ?? '' },
                { label: t('accountCode'), cell: (l) => l.accountCode ?? '' },
                { label: t('dipaOutcome'), cell: (l) => t(`dipa.${l.outcome}`) },
                { label: t('dipaReason'), cell: (l) => l.reason ?? '' },
              ],
              result.lines.filter((l) => l.outcome === 'rejected'),
              { empty: t('dipaAllApplied') },
            ),
          );
          toast(t('saved'), result.rejected > 0 ? 'error' : 'success');
          await imported();
        });
      },
    },
    h('h2', { class: 'span-all' }, t('dipaTitle')),
    field(t('dipaFile'), file, t('dipaHint')),
    h('div', { class: 'span-all form-actions' }, submit),
    report,
  );
}
