// Schedules: next occurrence, last run, pause / resume / trigger.
import { api } from './api.js';
import { h, replace, runLink, badge, note } from './dom.js';
import { timeEl, relative, count } from './format.js';
import { poll } from './live.js';

export function mount(container) {
  const table = h('div', { id: 'schedules-table' });
  const message = h('div');
  replace(container, h('h1', { text: 'Schedules' }), message, table);
  const refresh = async () => {
    const schedules = await api('/api/schedules');
    replace(table, schedules.length === 0 ? note('No schedules are configured.') : scheduleTable(schedules, send));
  };
  const send = async (name, action) => {
    try {
      await api(`/api/schedules/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
      replace(message, note(`Sent '${action}' to ${name}; its state follows once the schedule has read it.`, 'ok'));
    } catch (e) {
      replace(message, note(e.detail || e.message, 'error'));
    }
    await refresh();
  };
  return poll(refresh, 3000);
}

function scheduleTable(schedules, send) {
  const head = h('tr', null, ['Schedule', 'Agent', 'Cron', 'State', 'Next', 'Last', 'Last run', 'Fired / skipped', ''].map((t) => h('th', { text: t })));
  const rows = schedules.map((s) => {
    const st = s.status;
    const state = st?.state ?? (s.runtimeStatus ? s.runtimeStatus.toLowerCase() : 'not started');
    const button = (action, label) => h('button', { type: 'button', class: 'secondary', dataset: { action }, text: label, onclick: () => send(s.name, action) });
    return h('tr', { dataset: { schedule: s.name } },
      h('td', { text: s.name }),
      h('td', { text: s.definition.agent }),
      h('td', null, h('code', { text: s.definition.cron }), h('span', { class: 'muted', text: ` ${s.definition.timeZone ?? 'UTC'}` })),
      h('td', null, badge(state, state === 'active' ? 'running' : state === 'paused' ? 'suspended' : 'info')),
      h('td', null, st?.nextOccurrence ? [timeEl(st.nextOccurrence), h('span', { class: 'muted', text: ` ${relative(st.nextOccurrence)}` })] : '-'),
      h('td', null, st?.lastOccurrence ? timeEl(st.lastOccurrence) : '-'),
      h('td', null, st?.lastRunId ? runLink(st.lastRunId) : '-', st?.lastOutcome ? h('span', { class: 'muted', text: ` ${st.lastOutcome}` }) : null),
      h('td', { class: 'num', text: st ? `${count(st.fired)} / ${count(st.skipped)}` : '-' }),
      h('td', { class: 'actions' }, state === 'paused' ? button('resume', 'Resume') : button('pause', 'Pause'), button('trigger', 'Run now')));
  });
  return h('table', { class: 'schedules' }, h('thead', null, head), h('tbody', null, rows));
}
