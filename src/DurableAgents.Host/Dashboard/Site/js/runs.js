// The runs list: filters (status, agent, time range, id prefix), newest first, paged, refreshed live.
// The API filters by status, agent and start time and pages oldest first; the page reads the selected runs (up to a cap), sorts
// them newest first and applies the end of the range and the id prefix itself.
import { listRuns } from './api.js';
import { h, replace, runLink, badge, note } from './dom.js';
import { timeEl, relative, count, tokens, usd } from './format.js';
import { poll } from './live.js';

const PAGE = 25;
const STATUSES = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const SUB_RUN = /:s\d+\.\d+$/;

/** The outcome shown for a run: how it ended, or what it is doing. */
export function outcomeOf(run) {
  if (run.output) return { label: run.output.outcome, reason: run.output.reason };
  if (run.failure) return { label: run.failure.errorType, reason: run.failure.errorMessage };
  return { label: run.customStatus?.phase ?? '', reason: null };
}

export function mount(container, { params }, context) {
  const filters = {
    status: params.get('status') ?? '',
    agent: params.get('agent') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    prefix: params.get('prefix') ?? '',
    subRuns: params.get('subRuns') === '1',
  };
  let page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  let loaded = { runs: [], capped: false };

  const form = filterForm(filters, context.agents);
  const summary = h('p', { class: 'muted', id: 'runs-summary' });
  const table = h('div', { id: 'runs-table' });
  const pager = h('div', { class: 'pager' });
  replace(container, h('h1', { text: 'Runs' }), form, summary, table, pager);

  const render = () => {
    const shown = select(loaded.runs, filters);
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    const rows = shown.slice(page * PAGE, page * PAGE + PAGE);
    summary.textContent = shown.length === 0 ? '' : `${count(shown.length)} run(s)${loaded.capped ? ` (the first ${count(loaded.runs.length)} read: narrow the filters to see the rest)` : ''}.`;
    replace(table, rows.length === 0 ? note('No runs match these filters.') : runsTable(rows));
    replace(pager,
      h('button', { type: 'button', class: 'secondary', disabled: page === 0, text: '← Newer', onclick: () => { page--; render(); } }),
      h('span', { text: `Page ${page + 1} of ${pages}` }),
      h('button', { type: 'button', class: 'secondary', disabled: page >= pages - 1, text: 'Older →', onclick: () => { page++; render(); } }));
  };

  // A full read each time, less often the more runs the filters select.
  return poll(async () => {
    loaded = await listRuns({ status: filters.status, agent: filters.agent, createdFrom: iso(filters.from) });
    render();
  }, () => Math.min(30000, 3000 * Math.max(1, Math.ceil(loaded.runs.length / 200))));
}

function select(runs, filters) {
  const to = iso(filters.to);
  return runs.filter((r) => (!filters.prefix || r.id.startsWith(filters.prefix))
    && (!to || r.createdTime <= to)
    && (filters.subRuns || !SUB_RUN.test(r.id)));
}

const iso = (local) => (local ? new Date(local).toISOString() : '');

function filterForm(filters, agents) {
  const option = (value, label, selected) => h('option', { value, selected: value === selected, text: label });
  const status = h('select', { name: 'status', id: 'filter-status' }, option('', 'any status', filters.status), STATUSES.map((s) => option(s, s, filters.status)));
  const agent = h('select', { name: 'agent', id: 'filter-agent' }, option('', 'any agent', filters.agent), agents.map((a) => option(a.name, a.name, filters.agent)));
  const from = h('input', { type: 'datetime-local', name: 'from', id: 'filter-from', value: filters.from });
  const to = h('input', { type: 'datetime-local', name: 'to', id: 'filter-to', value: filters.to });
  const prefix = h('input', { type: 'search', name: 'prefix', id: 'filter-prefix', placeholder: 'id prefix', value: filters.prefix, autocomplete: 'off' });
  const subRuns = h('input', { type: 'checkbox', name: 'subRuns', id: 'filter-subruns', checked: filters.subRuns });
  const form = h('form', { class: 'filters', id: 'run-filters' },
    h('label', null, 'Status ', status), h('label', null, 'Agent ', agent), h('label', null, 'From ', from), h('label', null, 'To ', to),
    h('label', null, 'Id ', prefix), h('label', { class: 'check' }, subRuns, ' sub-runs'),
    h('button', { type: 'submit', class: 'primary', text: 'Apply' }),
    h('a', { href: '#/runs', class: 'button secondary', text: 'Reset' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, el] of [['status', status], ['agent', agent], ['from', from], ['to', to], ['prefix', prefix]]) if (el.value) query.set(name, el.value);
    if (subRuns.checked) query.set('subRuns', '1');
    location.hash = `#/runs?${query}`;
  });
  return form;
}

function runsTable(runs) {
  const head = h('tr', null, ['Run', 'Agent', 'Status', 'Outcome', 'Started', 'Steps', 'Tokens in / out', 'Cost'].map((t) => h('th', { text: t })));
  const rows = runs.map((r) => {
    const outcome = outcomeOf(r);
    return h('tr', { dataset: { runId: r.id } },
      h('td', { class: 'id' }, runLink(r.id)),
      h('td', { text: r.agent }),
      h('td', null, badge(r.runtimeStatus, r.customStatus?.pendingApprovals?.length ? 'waiting' : r.runtimeStatus)),
      h('td', { class: 'outcome', title: outcome.reason ?? null }, outcome.label),
      h('td', null, timeEl(r.createdTime), h('span', { class: 'muted', text: ` ${relative(r.createdTime)}` })),
      h('td', { class: 'num', text: count(r.steps) }),
      h('td', { class: 'num', text: tokens(r.usage) }),
      h('td', { class: 'num', text: usd(r.usage?.costUsd) }));
  });
  return h('table', { class: 'runs' }, h('thead', null, head), h('tbody', null, rows));
}
