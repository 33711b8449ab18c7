// The key form, shown when the host asks for a key. The key is checked against a read endpoint before it is kept.
import { api, ApiError, session } from './api.js';
import { h, replace } from './dom.js';

/** Shows the form in `main`; resolves once a key the host accepts is stored. */
export function askForKey(main, why) {
  return new Promise((resolve) => {
    const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'current-password', required: true, spellcheck: 'false' });
    const message = h('p', { id: 'login-error', class: 'note error', role: 'alert', hidden: !why, text: why ?? '' });
    const button = h('button', { type: 'submit', class: 'primary', text: 'Sign in' });
    // The submit handler is attached before the form is in the page, the input has no name, and the page's CSP has
    // form-action 'none': the key cannot end up in a URL.
    const form = h('form', { id: 'login', class: 'card login', autocomplete: 'on' },
      h('h1', { text: 'This host needs an API key' }),
      h('p', { class: 'muted', text: 'Enter one of the keys set in DurableAgents:ApiKeys. It is kept in this tab only (sessionStorage) and sent in the x-api-key header.' }),
      h('label', { for: 'api-key', text: 'API key' }), input, button, message);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      session.key = input.value.trim();
      try {
        await api('/api/agents');
        resolve();
      } catch (e) {
        session.key = null;
        message.hidden = false;
        message.textContent = e instanceof ApiError && e.status === 401 ? `The host refused the key: ${e.detail || e.title}` : e.message;
        button.disabled = false;
        input.select();
      }
    });
    replace(main, form);
    input.focus();
  });
}
