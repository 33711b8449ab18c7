// The dashboard: routes (#/runs, #/runs/{id}, #/approvals, #/schedules), the key check and the shell around the pages.
import { api, events, session, waitingRuns } from './api.js';
import { h, replace, note } from './dom.js';
import { askForKey } from './login.js';
import { quiet } from './live.js';
import * as runs from './runs.js';
import * as run from './run.js';
import * as approvals from './approvals.js';
import { showCount } from './approvals.js';
import * as schedules from './schedules.js';

const main = document.getElementById('main');
const context = { agents: [] };
let leave = null;
let signingIn = false;

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query ?? '');
  if (parts[0] === 'runs' && parts.length === 2) return { page: run, name: 'runs', args: { id: parts[1] } };
  if (parts[0] === 'approvals') return { page: approvals, name: 'approvals', args: {} };
  if (parts[0] === 'schedules') return { page: schedules, name: 'schedules', args: {} };
  return { page: runs, name: 'runs', args: { params } };
}

function show() {
  leave?.();
  leave = null;
  quiet();
  const { page, name, args } = route();
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.route === name);
  const container = h('div', { class: 'page' });
  replace(main, container);
  try {
    leave = page.mount(container, args, context) ?? null;
  } catch (e) {
    replace(container, note(`This page failed: ${e.message}`, 'error'));
  }
}

async function start(why) {
  leave?.();
  leave = null;
  signingIn = true;
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  try {
    for (let reason = why; ; reason = undefined) {
      try {
        context.agents = await api('/api/agents');
        break;
      } catch (e) {
        if (e.status !== 401) {
          replace(main, note(`The dashboard cannot read this host's API: ${e.message}`, 'error'));
          return;
        }
        await askForKey(main, reason);
      }
    }
  } finally {
    signingIn = false;
  }
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = !session.key;
  show();
  countWaiting();
}

// The count of runs waiting for a human, beside "Approvals" on every page.
async function countWaiting() {
  if (signingIn || document.hidden || document.getElementById('nav').hidden) return;
  try {
    showCount((await waitingRuns()).runs.length);
  } catch {
    // The page's own updates report a host that does not answer.
  }
}
setInterval(countWaiting, 10000);

events.addEventListener('unauthorized', (e) => {
  // The key was revoked or the host restarted with other keys: ask again, once.
  if (!signingIn) start(`The host refused the key: ${e.detail.detail || e.detail.title}`);
});
document.getElementById('sign-out').addEventListener('click', () => {
  session.key = null;
  start();
});
window.addEventListener('hashchange', () => {
  if (signingIn) return;
  show();
  countWaiting();
});
start();
