// Approvals: everything waiting for a human across runs, with the context the run recorded, decided per call with a comment.
import { api, runPath, waitingRuns } from './api.js';
import { h, replace, runLink, badge, facts, note } from './dom.js';
import { timeEl, relative, value } from './format.js';
import { poll } from './live.js';

const APPROVER = 'durableagents.approver';

/** Shows how many runs wait beside "Approvals" in the menu. */
export function showCount(n) {
  const counter = document.getElementById('approval-count');
  counter.hidden = n === 0;
  counter.textContent = String(n);
}

export function mount(container) {
  const approver = approverField();
  const list = h('div', { id: 'approvals-list' });
  const summary = h('p', { class: 'muted', id: 'approvals-summary' });
  replace(container, h('h1', { text: 'Approvals' }), approver, summary, list);
  let shown = '';
  return poll(async () => {
    const { runs, capped } = await waitingRuns();
    showCount(runs.length);
    // Re-render only when what waits changed, so a comment being typed is not lost.
    const key = JSON.stringify(runs.map((r) => [r.id, r.customStatus.phase, r.customStatus.pendingApprovals.map((p) => p.callId)]));
    if (key === shown) return;
    shown = key;
    summary.textContent = runs.length === 0 ? '' : `${runs.length} run(s) wait for a decision${capped ? ' (only the first runs read are shown)' : ''}.`;
    replace(list, runs.length === 0 ? note('Nothing is waiting for a human.') : runs.map((r) => pendingPanel(r, { showRun: true, onDecided: () => { shown = ''; } })));
  }, 3000);
}

function approverField() {
  const input = h('input', { id: 'approver', type: 'text', maxlength: 100, autocomplete: 'name', placeholder: 'your name', value: sessionStorage.getItem(APPROVER) ?? '' });
  input.addEventListener('change', () => sessionStorage.setItem(APPROVER, input.value.trim()));
  return h('p', { class: 'approver' }, h('label', { for: 'approver', text: 'Deciding as ' }), input,
    h('span', { class: 'muted', text: ' (recorded with each decision)' }));
}

const approverName = () => document.getElementById('approver')?.value.trim() || sessionStorage.getItem(APPROVER) || 'dashboard';

/** A waiting run's context and its pending calls, each with approve / reject and a comment. */
export function pendingPanel(run, { showRun = false, onDecided } = {}) {
  const status = run.customStatus;
  const escalated = status.phase === 'escalated';
  const panel = h('article', { class: 'card approval', dataset: { runId: run.id } },
    h('h2', null, showRun ? runLink(run.id) : 'Waiting for a decision', ' ', badge(escalated ? 'escalated' : 'awaiting approval', 'waiting')),
    showRun ? null : approverField(),
    facts([['Agent', run.agent], ['Step', status.step], ['Deadline', status.approvalDeadline ? [timeEl(status.approvalDeadline), ` (${relative(status.approvalDeadline)})`] : escalated ? 'none: escalated' : null]]),
    h('h3', { text: 'Goal' }), value(status.goal ?? run.input),
    status.gatheredSoFar ? [h('h3', { text: 'Gathered so far' }), value(status.gatheredSoFar)] : null,
    h('h3', { text: `Pending call(s): ${status.pendingApprovals.length}` }),
    h('ul', { class: 'pending' }, status.pendingApprovals.map((call) => pendingCall(run.id, call, onDecided))));
  return panel;
}

function pendingCall(runId, call, onDecided) {
  const comment = h('textarea', { class: 'comment', rows: 2, maxlength: 2000, placeholder: 'Comment (shown to the agent when rejecting)', 'aria-label': `Comment on ${call.tool}` });
  const result = h('div', { class: 'decision-result' });
  const decide = async (approved, buttons) => {
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const answer = await api(runPath(runId, '/approval'), { method: 'POST', body: { approved, callIds: [call.callId], approver: approverName(), comment: comment.value.trim() || null } });
      replace(result, note(answer.detail ?? `The decision was ${answer.status}.`, 'ok'));
      onDecided?.();
    } catch (e) {
      replace(result, note(e.detail || e.message, 'error'));
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const approve = h('button', { type: 'button', class: 'primary approve', text: 'Approve' });
  const reject = h('button', { type: 'button', class: 'danger reject', text: 'Reject' });
  approve.addEventListener('click', () => decide(true, [approve, reject]));
  reject.addEventListener('click', () => decide(false, [approve, reject]));
  return h('li', { class: 'pending-call', dataset: { callId: call.callId } },
    h('div', null, h('code', { class: 'tool-name', text: call.tool }), ' ', badge(call.permission, call.permission === 'destructive' ? 'error' : 'info'), ' ', h('span', { class: 'muted', text: call.callId })),
    h('p', { class: 'reason', text: call.reason }),
    h('h4', { text: 'Arguments' }), value(call.arguments),
    comment, h('div', { class: 'actions' }, approve, reject), result);
}
