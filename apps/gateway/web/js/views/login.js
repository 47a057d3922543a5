import { api } from '../api.js';
import { field, h } from '../dom.js';
import { language, setLanguage, t } from '../i18n.js';
import { saveSession } from '../session.js';

export function loginView({ notice, onSignedIn, onLanguage }) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: notice ? 'error' : 'hidden', role: 'alert' }, notice ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signIn'));

  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        try {
          saveSession(await api.login(username.value, password.value));
          onSignedIn();
        } catch (error) {
          message.className = 'error';
          message.textContent = error.message;
          password.select();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h1', {}, t('signInTitle')),
    message,
    field(t('username'), username),
    field(t('password'), password),
    submit,
    h('p', { class: 'hint' }, t('signInHelp')),
  );
  const toggle = h('button', { type: 'button', class: 'link', onclick: () => (setLanguage(language() === 'id' ? 'en' : 'id'), onLanguage()) }, t('language'));
  return h('div', { class: 'login-page' }, h('div', { class: 'brand big' }, h('span', {}, 'Serapan'), h('small', {}, t('appTagline'))), form, toggle);
}
