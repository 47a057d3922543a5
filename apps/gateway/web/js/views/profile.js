// Vendor: the company profile the catalog shows with every product. A new name
// or UMK flag is stamped on all of the vendor's products by the catalog.
import { api } from '../api.js';
import { busy, field, h, replace, toast } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/** The PUT body from the form's values: the whole profile, blanks as null. */
export function profileBody({ name, npwp, nib, umk, region }) {
  const orNull = (text) => (String(text ?? '').trim() === '' ? null : String(text).trim());
  return { name: String(name).trim(), npwp: orNull(npwp), nib: orNull(nib), umk: Boolean(umk), region: orNull(region) };
}

export async function profileView(main) {
  let vendor;
  try {
    vendor = await api.get('/api/catalog/vendors/me');
  } catch (error) {
    replace(main, h('h1', {}, t('nav.profile')), h('p', { class: 'error' }, error.message));
    return;
  }
  render(vendor);

  function render(profile) {
    const name = h('input', { name: 'name', required: true, maxlength: 200, value: profile.name });
    const npwp = h('input', { name: 'npwp', inputmode: 'numeric', pattern: '[0-9]{15,16}', value: profile.npwp ?? '' });
    const nib = h('input', { name: 'nib', inputmode: 'numeric', pattern: '[0-9]{13}', value: profile.nib ?? '' });
    const umk = h('input', { type: 'checkbox', name: 'umk', checked: profile.umk });
    const region = h('input', { name: 'region', maxlength: 100, value: profile.region ?? '' });
    const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));
    replace(
      main,
      h('div', { class: 'toolbar' }, h('h1', {}, t('nav.profile')), profile.umk ? h('span', { class: 'badge umk' }, t('umk')) : null),
      h(
        'form',
        {
          class: 'card form-grid',
          onsubmit: (event) => {
            event.preventDefault();
            busy(submit, async () => {
              const saved = await api.put(
                '/api/catalog/vendors/me',
                profileBody({ name: name.value, npwp: npwp.value, nib: nib.value, umk: umk.checked, region: region.value }),
              );
              toast(t('saved'), 'success');
              render(saved);
            });
          },
        },
        field(t('companyName'), name),
        field(t('region'), region),
        field('NPWP', npwp, t('npwpHint')),
        field('NIB', nib, t('nibHint')),
        h('label', { class: 'check span-all' }, umk, t('umkVendor')),
        h('p', { class: 'hint span-all' }, t('profileHint')),
        h('p', { class: 'hint span-all' }, t('updatedAt', { time: formatDate(profile.updatedAt) })),
        h('div', { class: 'span-all form-actions' }, submit),
      ),
    );
  }
}
