// Serapan web app: one page, a hash route per screen, screens chosen by role.
import { whenUnauthorized } from './api.js';
import { Cart } from './cart.js';
import { h, replace } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import { clearSession, endSession, freshSession, msUntilExpiry, refreshSession, storedSession } from './session.js';
import { approvalsView } from './views/approvals.js';
import { auditView } from './views/audit.js';
import { budgetView } from './views/budget.js';
import { cartView } from './views/cart.js';
import { catalogView } from './views/catalog.js';
import { dashboardView } from './views/dashboard.js';
import { loginView } from './views/login.js';
import { ordersView } from './views/orders.js';
import { paymentsView } from './views/payments.js';
import { productsView } from './views/products.js';
import { profileView } from './views/profile.js';
import { reportView } from './views/report.js';
import { salesView } from './views/sales.js';

const SCREENS = {
  vendor: [
    ['products', 'nav.products', productsView],
    ['orders', 'nav.incoming', ordersView],
    ['sales', 'nav.sales', salesView],
    ['profile', 'nav.profile', profileView],
  ],
  officer: [
    ['catalog', 'nav.catalog', catalogView],
    ['cart', 'nav.cart', cartView],
    ['orders', 'nav.orders', ordersView],
    ['approvals', 'nav.approvals', approvalsView],
    ['budget', 'nav.budget', budgetView],
  ],
  finance: [
    ['dashboard', 'nav.dashboard', dashboardView],
    ['budget', 'nav.budget', budgetView],
    ['payments', 'nav.payments', paymentsView],
    ['orders', 'orders', ordersView],
    ['report', 'nav.report', reportView],
  ],
  auditor: [
    ['dashboard', 'nav.dashboard', dashboardView],
    ['budget', 'nav.budget', budgetView],
    ['orders', 'orders', ordersView],
    ['report', 'nav.report', reportView],
    ['audit', 'nav.audit', auditView],
  ],
};

const root = document.getElementById('app');
let cleanup;
/** How many times a screen was drawn: a screen that finishes loading after the next began is closed at once. */
let renders = 0;
let expiryTimer;
let notice;

function route() {
  const [name = '', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { name, params };
}

const navigate = (hash) => {
  if (location.hash === hash) render();
  else location.hash = hash;
};

function signOut(message) {
  notice = message;
  clearTimeout(expiryTimer);
  endSession().finally(() => navigate('#/'));
}

/** Renews the access token a little before it expires; when the session has ended, signs out. */
function keepFresh(session) {
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(
    async () => {
      const renewed = await refreshSession();
      if (renewed) keepFresh(renewed);
      else signOut(t('sessionExpired'));
    },
    Math.min(Math.max(msUntilExpiry(session) - 30_000, 1_000), 2 ** 31 - 1),
  );
}

function scopeText(user) {
  return [user.satkerCode && `${t('satker')} ${user.satkerCode}`, user.klCode && `${t('kl')} ${user.klCode}`, user.ppk && t('ppk')].filter(Boolean).join(' · ');
}

function header(session, screens, current, cart) {
  const { user } = session;
  const toggle = h(
    'button',
    { class: 'link', type: 'button', title: t('language'), onclick: () => (setLanguage(language() === 'id' ? 'en' : 'id'), render()) },
    t('languageShort'),
  );
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, h('a', { href: '#/' }, 'Serapan'), h('small', {}, t('appTagline'))),
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'main' },
      screens.map(([name, label]) =>
        h(
          'a',
          { href: `#/${name}`, class: name === current ? 'active' : undefined, 'aria-current': name === current ? 'page' : undefined },
          t(label),
          name === 'cart' && cart?.count ? h('span', { class: 'count' }, String(cart.count)) : null,
        ),
      ),
    ),
    h(
      'div',
      { class: 'who' },
      h(
        'span',
        { class: 'user' },
        h('strong', {}, user.displayName ?? user.username),
        h('small', {}, [t(`role.${user.role}`), scopeText(user)].filter(Boolean).join(' · ')),
      ),
      toggle,
      h('button', { class: 'link', type: 'button', onclick: () => signOut() }, t('signOut')),
    ),
  );
}

async function render() {
  const mine = ++renders;
  cleanup?.();
  cleanup = undefined;
  document.documentElement.lang = language();
  // a tab that was signed in renews its token; each tab keeps its own session
  const session = storedSession() ? await freshSession() : null;
  if (!session) {
    clearSession();
    clearTimeout(expiryTimer);
    replace(root, loginView({ notice, onSignedIn: () => ((notice = undefined), navigate('#/')), onLanguage: render }));
    return;
  }
  keepFresh(session);

  const screens = SCREENS[session.user.role] ?? [];
  const { name, params } = route();
  const screen = screens.find(([screenName]) => screenName === name);
  if (!screen) {
    navigate(`#/${screens[0][0]}`);
    return;
  }
  const cart = session.user.role === 'officer' ? new Cart(session.user.username) : undefined;
  const main = h('main', { id: 'main' }, h('p', { class: 'loading' }, t('loading')));
  replace(root, header(session, screens, name, cart), main);
  const context = {
    user: session.user,
    token: session.accessToken,
    params,
    cart,
    navigate,
    refreshHeader: () => root.firstChild.replaceWith(header(session, screens, name, cart)),
  };
  const done = await screen[2](main, context);
  // left while it was loading: its streams close now, not never
  if (mine === renders) cleanup = done;
  else done?.();
}

whenUnauthorized(() => signOut(t('sessionExpired')));
window.addEventListener('hashchange', render);
setLanguage(language());
render();
