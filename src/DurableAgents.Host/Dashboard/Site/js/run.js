// A run: summary and controls, pending approvals, input and output, timeline, tool calls, decisions, conversation, custom status
// and audit. Refreshed live until the run ends.
import { api, ApiError, runPath } from './api.js';
import { h, replace, badge, facts, section, foldable, note, runLink } from './dom.js';
import { timeEl, relative, count, tokens, usd, value } from './format.js';
import { poll } from './live.js';
import { confirmAction } from './confirm.js';
import { timelineList } from './timelineView.js';
import { pendingPanel } from './approvals.js';
import { outcomeOf } from './runs.js';
import { conversationView } from './conversation.js';

const TERMINAL = new Set(['Completed', 'Failed', 'Terminated']);
const SUB_RUN = /^(.*):s\d+\.\d+$/;

export function mount(container, { id }) {
  const openKeys = new Set();
  const message = h('div', { id: 'run-message' });
  const body = h('div');
  replace(container, h('p', null, h('a', { href: '#/runs', text: '← Runs' })), message, body);
  let seen = null;
  let audit = null;
  const refresh = async () => {
    let run;
    try {
      run = await api(runPath(id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        replace(body, note(`No run '${id}' on this host (it may have been purged).`, 'error'));
        return false;
      }
      throw e;
    }
    const version = `${run.lastUpdatedTime}|${run.runtimeStatus}|${run.customStatus?.phase}`;
    if (version !== seen) {
      const history = await api(runPath(id, '/history'));
      audit ??= await readAudit(id);
      seen = version;
      replace(body, ...page(run, history, audit, openKeys, { message, refresh: () => { seen = null; return refresh(); } }));
    }
    return !TERMINAL.has(run.runtimeStatus);
  };
  let running = true;
  return poll(async () => { running = await refresh(); }, () => (running ? 2000 : 0));
}

/** The audit (GET /api/runs/{id}/audit), when the host has the endpoint; null when it does not answer. */
async function readAudit(id) {
  try {
    return { data: await api(runPath(id, '/audit')) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return { data: null };
    return { error: e.message };
  }
}

function page(run, history, audit, openKeys, ctx) {
  const status = run.customStatus;
  const outcome = outcomeOf(run);
  const parent = SUB_RUN.exec(run.id)?.[1];
  return [
    h('header', { class: 'card run-head' },
      h('h1', null, h('span', { class: 'id', id: 'run-id', text: run.id }), ' ', badge(run.runtimeStatus, status?.pendingApprovals?.length ? 'waiting' : run.runtimeStatus)),
      facts([['Agent', run.agent], ['User', run.user], ['Session', run.session], ['Sub-run of', parent ? runLink(parent) : null], ['Phase', status?.phase], ['Outcome', outcome.label ? h('span', { id: 'run-outcome', text: outcome.label }) : null],
        ['Started', [timeEl(run.createdTime), ` (${relative(run.createdTime)})`]], ['Last change', timeEl(run.lastUpdatedTime)],
        ['Steps', count(run.steps)], ['Tokens in / out', tokens(run.usage)], ['Cost', usd(run.usage?.costUsd)]]),
      controls(run, ctx)),
    status?.pendingApprovals?.length ? pendingPanel(run, { onDecided: ctx.refresh }) : null,
    section('Input', value(run.input)),
    run.output || run.failure ? section('Output', outputView(run)) : null,
    section('Timeline', timelineList(history, run)),
    toolCallsSection(run),
    decisionsSection(status?.decisions ?? []),
    foldable('conversation', 'Conversation', openKeys, () => conversationView(run.id)),
    foldable('status', 'Custom status', openKeys, () => [value(status)]),
    foldable('audit', 'Audit', openKeys, () => [auditView(audit)]),
  ];
}

function outputView(run) {
  const out = run.output;
  return h('div', { id: 'run-output' },
    out ? facts([['Outcome', badge(out.outcome, out.outcome === 'Completed' ? 'completed' : 'error')], ['Reason', out.reason ? h('span', { class: 'reason', text: out.reason }) : null]]) : null,
    out?.answer ? [h('h3', { text: 'Answer' }), value(out.answer)] : null,
    run.failure ? note(`${run.failure.errorType}: ${run.failure.errorMessage}`, 'error') : null);
}

function toolCallsSection(run) {
  const calls = run.toolCalls ?? [];
  if (calls.length === 0) return null;
  const head = h('tr', null, ['Step', 'Tool', 'Arguments', 'Status', 'Result'].map((t) => h('th', { text: t })));
  const rows = calls.map((c) => h('tr', { dataset: { callId: c.callId } },
    h('td', { class: 'num', text: c.step }), h('td', null, h('code', { text: c.tool })), h('td', null, value(c.arguments)),
    h('td', null, badge(c.status, c.status === 'ok' ? 'ok' : c.status === 'rejected' ? 'rejected' : 'error')), h('td', null, value(c.result))));
  return section(`Tool calls (${calls.length})`, h('table', { class: 'tool-calls' }, h('thead', null, head), h('tbody', null, rows)));
}

function decisionsSection(decisions) {
  if (decisions.length === 0) return null;
  return section('Approval decisions', h('ul', { class: 'decisions', id: 'decisions' }, decisions.map((d) => h('li', null,
    badge(d.approved ? 'approved' : 'rejected', d.approved ? 'approved' : 'rejected'), ' by ', h('strong', { text: d.approver || 'a human' }), ' ',
    timeEl(d.decidedAt), d.comment ? [': ', h('q', { class: 'comment', text: d.comment })] : ' (no comment)',
    h('span', { class: 'muted', text: ` · ${d.callIds.length ? d.callIds.join(', ') : 'nothing left to decide'}` })))));
}

function auditView(audit) {
  if (audit?.error) return note(`The audit could not be read: ${audit.error}`, 'error');
  if (!audit?.data) return note('Audit: not available on this host (GET /api/runs/{id}/audit does not answer).');
  const entries = audit.data.entries;
  if (!Array.isArray(entries)) return h('div', { id: 'audit' }, value(audit.data));
  if (entries.length === 0) return h('div', { id: 'audit' }, note('No tool calls recorded yet.'));
  // One row per call of the run and its sub-runs, as the runs recorded them; every value is shown as text.
  const head = h('tr', null, ['Requested', 'Run', 'Agent', 'Tool', 'Permission', 'Approval', 'Outcome'].map((t) => h('th', { text: t })));
  const rows = entries.map((e) => h('tr', { dataset: { callId: e.callId } },
    h('td', null, timeEl(e.requestedAt)), h('td', null, runLink(e.runId, e.runId)), h('td', { text: e.agent }),
    h('td', null, h('code', { text: e.tool }), h('span', { class: 'muted', text: ` ${e.kind}` })), h('td', { text: e.permission }),
    h('td', null, e.approval ? [badge(e.approval, e.approval === 'approved' ? 'approved' : 'rejected'), e.approver ? ` by ${e.approver}` : ''] : '-'),
    h('td', null, badge(e.outcome, e.outcome === 'ok' ? 'ok' : 'error'))));
  return h('div', { id: 'audit' }, h('p', { class: 'muted', text: `${entries.length} call(s) in ${audit.data.runs.length} run(s); arguments are kept as digests.` }),
    h('table', { class: 'audit' }, h('thead', null, head), h('tbody', null, rows)));
}

function controls(run, ctx) {
  const terminal = TERMINAL.has(run.runtimeStatus);
  const act = async (label, path, method, { askReason = true, then } = {}) => {
    const { ok, reason } = await confirmAction({
      title: `${label} run ${run.id}?`,
      message: method === 'DELETE' ? 'Its history and status are deleted for good.' : `The run is told to ${label.toLowerCase()}; this is recorded in its history.`,
      confirmLabel: label, askReason,
    });
    if (!ok) return;
    try {
      await api(runPath(run.id, path), { method, query: askReason && reason ? { reason } : undefined });
      replace(ctx.message, note(`${label}: sent.`, 'ok'));
      if (then) then();
      else await ctx.refresh();
    } catch (e) {
      replace(ctx.message, note(e.detail || e.message, 'error'));
    }
  };
  const button = (label, onclick, cls = 'secondary') => h('button', { type: 'button', class: cls, dataset: { control: label.toLowerCase() }, text: label, onclick });
  return h('div', { class: 'actions controls' },
    !terminal && run.runtimeStatus !== 'Suspended' ? button('Suspend', () => act('Suspend', '/suspend', 'POST')) : null,
    run.runtimeStatus === 'Suspended' ? button('Resume', () => act('Resume', '/resume', 'POST')) : null,
    !terminal ? button('Terminate', () => act('Terminate', '/terminate', 'POST'), 'danger') : null,
    terminal ? button('Purge', () => act('Purge', '', 'DELETE', { askReason: false, then: () => { location.hash = '#/runs'; } }), 'danger') : null);
}
