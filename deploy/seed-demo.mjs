// Demo data for `npm start`, made through the public API as the demo users
// would: vendor profiles, products, budget lines and orders in several states.
// Skips everything when the demo vendor already has products.
//   node deploy/seed-demo.mjs [gatewayUrl]   (default http://127.0.0.1:$GATEWAY_PORT or 3000)
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { log, waitFor } from './lib/log.mjs';

const PASSWORD = 'Serapan!2025';
const VENDOR_IDS = {
  medika: 'a1000000-0000-4000-8000-000000000001',
  karya: 'a1000000-0000-4000-8000-000000000002',
  sinar: 'a1000000-0000-4000-8000-000000000003',
};

const PROFILES = {
  medika: { name: 'PT Nusantara Medika Utama', npwp: '013456789012000', nib: '9120001234561', umk: false, region: 'DKI Jakarta' },
  karya: { name: 'CV Karya Anak Bangsa', npwp: '024567890123000', nib: '9120001234562', umk: true, region: 'Jawa Tengah' },
  sinar: { name: 'PT Sinar Teknologi Indonesia', npwp: '035678901234000', nib: '9120001234563', umk: false, region: 'Jawa Barat' },
};

const CERT_VALID = `${new Date().getFullYear() + 2}-12-31`;
const certified = (no) => ({ tkdnCertificateNo: `${no}/SJ-IND.8/TKDN/${new Date().getFullYear()}`, tkdnCertificateExpiresOn: CERT_VALID });

/** Products made abroad; every other product is made in Indonesia (PDN at every TKDN level, uncertified without a certificate). */
const IMPORTED = new Set(['MED-USG-08', 'STI-PROJ-04', 'STI-VIDCON-10']);

/** PDN tiers, highest preference first (docs/domain.md "PDN tiers"). */
const TIERS = ['top', 'pdn', 'low', 'uncertified', 'import'];

// [sku, name, category, unit, price, stock, tkdn, bmp, certificate?]
const PRODUCTS = {
  medika: [
    ['MED-TENSI-01', 'Tensimeter digital lengan atas', '48150', 'unit', '1250000', 400, 45.5, 10, true],
    ['MED-TERMO-02', 'Termometer inframerah dahi', '48150', 'unit', '385000', 800, 32, 5, true],
    ['MED-OXI-03', 'Pulse oximeter jari', '48150', 'unit', '295000', 600, 28.4, 0, true],
    ['MED-STETO-04', 'Stetoskop dual head', '48150', 'unit', '475000', 300, 12, 0, true],
    ['MED-BED-05', 'Tempat tidur pasien 3 engkol', '38110', 'unit', '18500000', 60, 52, 12, true],
    ['MED-MASK-06', 'Masker bedah 3 ply (box 50)', '27190', 'box', '42000', 5000, 40, 8, true],
    ['MED-GLOVE-07', 'Sarung tangan nitril (box 100)', '36290', 'box', '98000', 3000, 0, 0, false],
    ['MED-USG-08', 'USG portabel 2D', '48150', 'unit', '185000000', 10, 0, 0, false],
    ['MED-KURSI-09', 'Kursi roda standar', '38110', 'unit', '1650000', 200, 35, 5, true],
    ['MED-P3K-10', 'Kotak P3K lengkap', '48150', 'paket', '325000', 900, 60, 15, true],
  ],
  karya: [
    ['KAB-MEJA-01', 'Meja kerja kayu jati 120 cm', '38120', 'unit', '3250000', 150, 85, 10, true],
    ['KAB-KURSI-02', 'Kursi kerja rotan', '38110', 'unit', '1450000', 250, 90, 5, true],
    ['KAB-LEMARI-03', 'Lemari arsip kayu 4 pintu', '38120', 'unit', '5750000', 80, 78, 12, true],
    ['KAB-BATIK-04', 'Seragam batik tulis dinas', '28230', 'potong', '425000', 1200, 95, 15, true],
    ['KAB-MAP-05', 'Map arsip anyaman pandan (pak 10)', '32193', 'pak', '120000', 2000, 70, 0, true],
    ['KAB-SOFA-06', 'Sofa tamu kayu 3-1-1', '38110', 'set', '12500000', 40, 65, 8, true],
    ['KAB-RAK-07', 'Rak buku bambu 5 susun', '38120', 'unit', '875000', 300, 88, 0, true],
    ['KAB-TAS-08', 'Tas seminar kain tenun', '29220', 'unit', '95000', 4000, 20, 0, true],
    ['KAB-KOPI-09', 'Kopi arabika Gayo 1 kg', '23912', 'kg', '275000', 600, 100, 5, true],
    ['KAB-PAPAN-10', 'Papan tulis kayu 120x240', '38990', 'unit', '1150000', 120, 55, 0, true],
  ],
  sinar: [
    ['STI-LAPTOP-01', 'Laptop 14 inci Core i5 16 GB', '45230', 'unit', '14850000', 300, 40.5, 6, true],
    ['STI-PC-02', 'PC desktop all-in-one 24 inci', '45230', 'unit', '16750000', 150, 35, 5, true],
    ['STI-SERVER-03', 'Server rak 2U dual CPU', '45230', 'unit', '265000000', 8, 25.5, 0, true],
    ['STI-PROJ-04', 'Proyektor 5000 lumen', '47330', 'unit', '12400000', 90, 0, 0, false],
    ['STI-PRINT-05', 'Printer laser multifungsi A4', '45260', 'unit', '6850000', 200, 15, 0, true],
    ['STI-SWITCH-06', 'Switch jaringan 48 port', '45260', 'unit', '24500000', 60, 30, 10, true],
    ['STI-UPS-07', 'UPS 3 kVA online', '46212', 'unit', '18900000', 70, 43, 8, true],
    ['STI-CCTV-08', 'Paket CCTV 8 kamera', '47320', 'paket', '21500000', 45, 26, 0, true],
    ['STI-TABLET-09', 'Tablet 10 inci 128 GB', '45230', 'unit', '5450000', 400, 22, 0, true],
    ['STI-VIDCON-10', 'Perangkat video konferensi', '47330', 'paket', '38500000', 25, 0, 0, false],
  ],
};

const year = new Date().getFullYear();

// The K/L's DIPA lines: [satker, account, pagu, blokir]. Its finance (keuangan.024) imports them;
// a satker's own finance cannot set its pagu (docs/domain.md rule 13).
const KL_FINANCE = 'keuangan.024';
const LINES = [
  ['415423', '521211', '2500000000', '0'],
  ['415423', '521811', '800000000', '0'],
  ['415423', '532111', '4000000000', '500000000'],
  ['632481', '521211', '1200000000', '0'],
  ['632481', '532111', '60000000', '0'],
];

/**
 * [label, officer, account, [[vendor, sku, quantity]…], the state to drive it to].
 * The REJECTED one asks for more than its line's pagu.
 */
const ORDERS = [
  [
    'medical kits, paid',
    'ppk.415423',
    '521211',
    [
      ['medika', 'MED-TENSI-01', 40],
      ['medika', 'MED-P3K-10', 60],
    ],
    'COMPLETED',
  ],
  [
    'office furniture, paid',
    'ppk.415423',
    '521211',
    [
      ['karya', 'KAB-MEJA-01', 30],
      ['karya', 'KAB-KURSI-02', 30],
    ],
    'COMPLETED',
  ],
  [
    'laptops, paid',
    'ppk.415423',
    '532111',
    [
      ['sinar', 'STI-LAPTOP-01', 25],
      ['sinar', 'STI-UPS-07', 4],
    ],
    'COMPLETED',
  ],
  ['batik uniforms, paid', 'pp.632481', '521211', [['karya', 'KAB-BATIK-04', 200]], 'COMPLETED'],
  ['patient beds, received', 'ppk.415423', '521211', [['medika', 'MED-BED-05', 6]], 'RECEIVED'],
  ['network switches, shipped', 'ppk.415423', '532111', [['sinar', 'STI-SWITCH-06', 3]], 'SHIPPED'],
  ['projectors, in process', 'ppk.415423', '532111', [['sinar', 'STI-PROJ-04', 5]], 'IN_PROCESS'],
  [
    'masks and gloves, awaiting vendor',
    'pp.632481',
    '521211',
    [
      ['medika', 'MED-MASK-06', 300],
      ['medika', 'MED-GLOVE-07', 100],
    ],
    'AWAITING_VENDOR',
  ],
  ['archive cabinets, awaiting vendor', 'ppk.415423', '521811', [['karya', 'KAB-LEMARI-03', 12]], 'AWAITING_VENDOR'],
  ['printers over the pagu, rejected', 'pp.632481', '532111', [['sinar', 'STI-PRINT-05', 10]], 'REJECTED'],
  ['tablets, cancelled', 'ppk.415423', '532111', [['sinar', 'STI-TABLET-09', 10]], 'CANCELLED'],
];

const FINANCE_OF = { 415423: 'bendahara.415423', 632481: 'bendahara.632481' };
/** The PPK who approves a pejabat pengadaan's orders, per satker. */
const PPK_OF = { 415423: 'ppk.415423', 632481: 'ppk.632481' };
const VENDOR_USERS = { medika: 'vendor.medika', karya: 'vendor.karya', sinar: 'vendor.sinar' };

class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.tokens = new Map();
  }

  async login(username) {
    if (!this.tokens.has(username)) {
      const { accessToken } = await this.call(undefined, 'POST', '/api/auth/login', { username, password: PASSWORD });
      this.tokens.set(username, accessToken);
    }
    return this.tokens.get(username);
  }

  async as(username, method, path, body, headers = {}) {
    return this.call(await this.login(username), method, path, body, headers);
  }

  async call(token, method, path, body, headers = {}, { allow = [] } = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      // a string goes as it is (a CSV upload), anything else as JSON
      body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    // an answer is final: only a request that got none is worth repeating
    if (!response.ok && !allow.includes(response.status))
      throw Object.assign(new Error(`${method} ${path} answered ${response.status}: ${typeof data === 'object' ? JSON.stringify(data.message) : data}`), {
        fatal: true,
      });
    return Object.assign(data ?? {}, { httpStatus: response.status });
  }
}

export async function seedDemo(gatewayUrl) {
  const api = new Client(gatewayUrl);
  const existing = await api.as('vendor.medika', 'GET', `/api/catalog/products?vendorId=${VENDOR_IDS.medika}&pageSize=1&status=active`);
  if (existing.total > 0) {
    log('seed', `demo data already there (vendor.medika has ${existing.total} products); skipping`);
    return false;
  }

  log('seed', 'vendor profiles…');
  for (const [vendor, profile] of Object.entries(PROFILES)) await api.as(VENDOR_USERS[vendor], 'PUT', '/api/catalog/vendors/me', profile);

  const products = {};
  for (const [vendor, rows] of Object.entries(PRODUCTS)) {
    for (const [sku, name, categoryCode, unit, priceIdr, stock, tkdnPercent, bmpPercent, withCertificate] of rows) {
      const product = await api.as(VENDOR_USERS[vendor], 'POST', '/api/catalog/products', {
        sku,
        name,
        categoryCode,
        unit,
        priceIdr,
        stock,
        origin: IMPORTED.has(sku) ? 'import' : 'domestic',
        tkdnPercent,
        bmpPercent,
        catalogType: 'national',
        priceRegion: PROFILES[vendor].region,
        description: `${name}. Produk demo Serapan.`,
        ...(withCertificate ? certified(sku) : {}),
      });
      products[sku] = product;
    }
    log('seed', `${rows.length} products of ${PROFILES[vendor].name}`);
  }

  const dipa = [
    'fiscal_year,satker_code,kl_code,account_code,pagu_idr,blokir_idr,dipa_number',
    ...LINES.map(([satker, account, pagu, blokir]) => `${year},${satker},024,${account},${pagu},${blokir},DIPA-024.01.1.${satker}/${year}`),
  ].join('\r\n');
  const imported = await api.as(KL_FINANCE, 'POST', '/api/budget/dipa', dipa, { 'content-type': 'text/csv' });
  if (imported.rejected > 0) throw Object.assign(new Error(`the demo DIPA was refused: ${JSON.stringify(imported.lines)}`), { fatal: true });
  log('seed', `${LINES.length} budget lines for FY ${year} from the DIPA (satkers ${[...new Set(LINES.map((l) => l[0]))].join(', ')})`);

  // the preference cascade: a product below the best tier listed in its category needs a written justification
  const rank = (product) => TIERS.indexOf(product.pdnTier);
  const bestRank = new Map();
  for (const product of Object.values(products)) {
    bestRank.set(product.categoryCode, Math.min(bestRank.get(product.categoryCode) ?? TIERS.length, rank(product)));
  }
  for (const [label, officer, accountCode, lines, target] of ORDERS) {
    const passesOver = lines.some(([, sku]) => rank(products[sku]) > bestRank.get(products[sku].categoryCode));
    const order = await place(api, officer, {
      fiscalYear: year,
      accountCode,
      lines: lines.map(([, sku, quantity]) => ({ productId: products[sku].id, quantity })),
      ...(passesOver ? { justification: 'Spesifikasi teknis menyesuaikan peralatan yang sudah ada di satker (kompatibilitas suku cadang).' } : {}),
    });
    const vendor = VENDOR_USERS[lines[0][0]];
    const satker = officer.split('.')[1];
    if (order.status === 'AWAITING_APPROVAL') await api.as(PPK_OF[satker], 'POST', `/api/orders/${order.id}/approve`);
    const decided = await awaitStatus(api, officer, order.id, (s) => s !== 'PENDING_BUDGET');
    if (target === 'REJECTED' || decided !== 'AWAITING_VENDOR') {
      if (decided !== target) throw new Error(`order "${label}" is ${decided}, expected ${target}`);
    } else if (target === 'CANCELLED') {
      await api.as(officer, 'POST', `/api/orders/${order.id}/cancel`, { reason: 'Kebutuhan dialihkan ke tahun anggaran berikutnya' });
      await awaitStatus(api, officer, order.id, (s) => s === 'CANCELLED');
    } else if (target !== 'AWAITING_VENDOR') {
      await api.as(vendor, 'POST', `/api/orders/${order.id}/accept`);
      if (target !== 'IN_PROCESS') await api.as(vendor, 'POST', `/api/orders/${order.id}/ship`);
      if (['RECEIVED', 'COMPLETED'].includes(target)) {
        await api.as(officer, 'POST', `/api/orders/${order.id}/receive`, {
          bastNumber: `BAST-${satker}/${year}/${order.id.slice(0, 4).toUpperCase()}`,
          receivedOn: today(),
        });
      }
      if (target === 'COMPLETED') {
        await api.as(FINANCE_OF[satker], 'POST', `/api/orders/${order.id}/pay`, {
          sp2dNumber: `SP2D-${year}${order.id.slice(0, 6).toUpperCase()}`,
          paidOn: today(),
        });
      }
    }
    const { status, totalIdr } = await api.as(officer, 'GET', `/api/orders/${order.id}`);
    if (status !== target) throw new Error(`order "${label}" ended ${status}, expected ${target}`);
    log('seed', `order ${order.id.slice(0, 8)} ${label}: ${status}, Rp ${BigInt(totalIdr).toLocaleString('id-ID')}`);
  }

  await seedContracts(api, products);

  const [absorption] = await api.as('auditor', 'GET', `/api/budget/absorption?fiscalYear=${year}&groupBy=kl`);
  log(
    'seed',
    `done: K/L ${absorption.klCode} absorption ${absorption.absorptionPct}%, PDN share ${absorption.pdnSharePct}%, UMK share ${absorption.umkSharePct}%`,
  );
  return true;
}

/**
 * Orders in the e-Katalog v6 steps (docs/domain.md, rules 21–26): a
 * negotiation still open, an order waiting for the PPK, a negotiated order
 * delivered in two terms with the first received late and paid (less its
 * penalty) and the second still to come, one completed in two terms, an
 * addendum applied and one the budget refuses.
 */
async function seedContracts(api, products) {
  const line = (sku, quantity, extra = {}) => ({ productId: products[sku].id, quantity, ...extra });
  const base = { fiscalYear: year, accountCode: '532111' };

  const open = await place(api, 'pp.415423', { ...base, negotiate: true, lines: [line('STI-UPS-07', 3, { unitPriceIdr: '17500000', shippingIdr: '450000' })] });
  log('seed', `order ${open.id.slice(0, 8)} UPS, negotiation open: ${open.status}, the vendor to answer`);

  const waiting = await place(api, 'pp.415423', { ...base, accountCode: '521211', lines: [line('KAB-KURSI-02', 20)] });
  log('seed', `order ${waiting.id.slice(0, 8)} office chairs: ${waiting.status}, in the PPK's queue`);

  // negotiated down, approved, delivered in two terms: 5 laptops due 10 days ago (received 3 days late), 7 due in 20 days
  const laptops = await place(api, 'pp.415423', {
    ...base,
    negotiate: true,
    lines: [line('STI-LAPTOP-01', 12, { unitPriceIdr: '13900000', shippingIdr: '600000' })],
    terms: [
      { quantities: [5], deliveryDate: inYear(daysFromToday(-10)) },
      { quantities: [7], deliveryDate: inYear(daysFromToday(20)) },
    ],
  });
  await api.as('vendor.sinar', 'POST', `/api/orders/${laptops.id}/offers`, {
    lines: [{ lineNo: 1, unitPriceIdr: '14300000', shippingIdr: '600000' }],
    note: 'Harga khusus untuk 12 unit, garansi 3 tahun',
  });
  await api.as('pp.415423', 'POST', `/api/orders/${laptops.id}/agree`);
  await api.as('ppk.415423', 'POST', `/api/orders/${laptops.id}/approve`);
  await deliverTerms(api, laptops.id, { officer: 'ppk.415423', vendor: 'vendor.sinar', finance: 'bendahara.415423', terms: [1], lateDays: 3 });
  const partly = await api.as('ppk.415423', 'GET', `/api/orders/${laptops.id}`);
  log(
    'seed',
    `order ${laptops.id.slice(0, 8)} laptops, negotiated to Rp ${BigInt(partly.totalIdr).toLocaleString('id-ID')}: term 1 paid less a penalty of Rp ${BigInt(partly.penaltyIdr).toLocaleString('id-ID')}, term 2 to come`,
  );

  const cctv = await place(api, 'ppk.415423', {
    ...base,
    lines: [line('STI-CCTV-08', 2)],
    terms: [
      { quantities: [1], deliveryDate: inYear(daysFromToday(-12)) },
      { quantities: [1], deliveryDate: inYear(daysFromToday(-4)) },
    ],
  });
  await deliverTerms(api, cctv.id, { officer: 'ppk.415423', vendor: 'vendor.sinar', finance: 'bendahara.415423', terms: [1, 2], lateDays: 2 });
  const done = await api.as('ppk.415423', 'GET', `/api/orders/${cctv.id}`);
  log('seed', `order ${cctv.id.slice(0, 8)} CCTV in two terms: ${done.status}, penalties Rp ${BigInt(done.penaltyIdr).toLocaleString('id-ID')}`);

  // an addendum that fits: two more projectors for a running order
  const projectors = await place(api, 'ppk.415423', { ...base, lines: [line('STI-PROJ-04', 4)] });
  await awaitStatus(api, 'ppk.415423', projectors.id, (s) => s === 'AWAITING_VENDOR');
  await api.as('vendor.sinar', 'POST', `/api/orders/${projectors.id}/accept`);
  const applied = await amend(api, projectors.id, 'ppk.415423', 'vendor.sinar', {
    reason: 'Dua ruang rapat baru selesai dibangun dan perlu proyektor yang sama',
    lines: [{ lineNo: 1, quantity: 6 }],
  });
  log(
    'seed',
    `order ${projectors.id.slice(0, 8)} projectors: addendum 1 ${applied.addenda[0].status}, version ${applied.version}, Rp ${BigInt(applied.totalIdr).toLocaleString('id-ID')}`,
  );

  // an addendum that would pass the pagu: the budget refuses it and the order stays as it was
  const tablets = await place(api, 'pp.632481', {
    ...base,
    lines: [line('STI-TABLET-09', 2)],
    justification: 'Petugas lapangan membutuhkan perangkat genggam, bukan laptop atau PC.',
  });
  await api.as('ppk.632481', 'POST', `/api/orders/${tablets.id}/approve`);
  await awaitStatus(api, 'pp.632481', tablets.id, (s) => s === 'AWAITING_VENDOR');
  await api.as('vendor.sinar', 'POST', `/api/orders/${tablets.id}/accept`);
  const refused = await amend(api, tablets.id, 'pp.632481', 'vendor.sinar', {
    reason: 'Tambahan tablet untuk seluruh petugas lapangan',
    lines: [{ lineNo: 1, quantity: 20 }],
  });
  log(
    'seed',
    `order ${tablets.id.slice(0, 8)} tablets: addendum 1 ${refused.addenda[0].status} (over the pagu), the order stays at Rp ${BigInt(refused.totalIdr).toLocaleString('id-ID')}`,
  );
}

/** Proposes an addendum, has the vendor agree, and waits for the budget's answer; returns the order after it. */
async function amend(api, id, officer, vendor, addendum) {
  await api.as(officer, 'POST', `/api/orders/${id}/addenda`, addendum);
  await api.as(vendor, 'POST', `/api/orders/${id}/addenda/1/agree`);
  return waitFor(
    `the budget's answer to addendum 1 of order ${id}`,
    async () => {
      const order = await api.as(officer, 'GET', `/api/orders/${id}`);
      return ['APPLIED', 'REJECTED'].includes(order.addenda[0]?.status) ? order : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

/** Waits for the budget, has the vendor accept, then ships, receives (`lateDays` after each term's date, never after today) and pays `terms`. */
async function deliverTerms(api, id, { officer, vendor, finance, terms, lateDays }) {
  await awaitStatus(api, officer, id, (s) => s === 'AWAITING_VENDOR');
  await api.as(vendor, 'POST', `/api/orders/${id}/accept`);
  const order = await api.as(officer, 'GET', `/api/orders/${id}`);
  for (const termNo of terms) {
    const term = order.terms.find((t) => t.termNo === termNo);
    const late = addDays(term.deliveryDate, lateDays);
    const receivedOn = late < today() ? late : today();
    await api.as(vendor, 'POST', `/api/orders/${id}/ship`, { termNo });
    await api.as(officer, 'POST', `/api/orders/${id}/receive`, { termNo, bastNumber: `BAST-${id.slice(0, 4).toUpperCase()}/${termNo}`, receivedOn });
    await api.as(finance, 'POST', `/api/orders/${id}/pay`, { termNo, sp2dNumber: `SP2D-${year}${id.slice(0, 4).toUpperCase()}${termNo}`, paidOn: today() });
  }
}

const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysFromToday = (days) => addDays(today(), days);
/** A date kept inside this fiscal year (early January or late December runs). */
const inYear = (date) => (date < `${year}-01-01` ? `${year}-01-01` : date > `${year}-12-31` ? `${year}-12-31` : date);

/** Places an order, retrying with the same key while the order service has not yet heard of the products. */
async function place(api, officer, body) {
  const key = `seed-${randomUUID()}`;
  const token = await api.login(officer);
  return waitFor(
    'the order service to know the demo products',
    async () => {
      const answer = await api.call(token, 'POST', '/api/orders', body, { 'Idempotency-Key': key }, { allow: [404] });
      return answer.httpStatus === 202 ? answer : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

async function awaitStatus(api, user, id, done) {
  return waitFor(
    `order ${id} to move on`,
    async () => {
      const { status } = await api.as(user, 'GET', `/api/orders/${id}`);
      return done(status) ? status : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

function today() {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3000}`;
  seedDemo(url).catch((error) => {
    log('seed', `failed: ${error.message}`);
    process.exit(1);
  });
}
