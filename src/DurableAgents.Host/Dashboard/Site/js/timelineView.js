// Renders timeline items (see timeline.js); sub-runs open as nested timelines, read on demand.
import { api, runPath } from './api.js';
import { h, badge, facts, runLink, note, replace } from './dom.js';
import { timeEl, tokens, usd, value, jsonText, chars, count } from './format.js';
import { buildTimeline } from './timeline.js';

/** The timeline of a run as an ordered list. */
export function timelineList(history, run) {
  const items = buildTimeline(history, run);
  if (items.length === 0) return note('No history yet.');
  return h('ol', { class: 'timeline' }, items.map((item) => h('li', { class: `ev ev-${item.type}` },
    h('div', { class: 'when' }, timeEl(item.at), duration(item)),
    h('div', { class: 'what' }, ...render(item)))));
}

function duration(item) {
  if (!item.doneAt) return null;
  const ms = new Date(item.doneAt) - new Date(item.at);
  return Number.isFinite(ms) && ms >= 0 ? h('span', { class: 'muted dur', text: ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s` }) : null;
}

const title = (text, ...extra) => h('h3', null, text, ...extra.map((x) => [' ', x]));
const stateBadge = (state) => badge(state === 'done' ? 'done' : state, { done: 'ok', running: 'running', failed: 'error', timeout: 'error' }[state] ?? 'info');

function render(item) {
  switch (item.type) {
    case 'start':
      return [title(item.generation > 0 ? `Generation ${item.generation + 1} started` : 'Run started'),
        facts([['Agent', item.agent], ['Sub-run of', item.parent ? runLink(item.parent) : null]]),
        item.generation > 0 ? note(`The run continued as new after step ${item.step}: this history holds the steps since then; the tool calls and the conversation below hold every step.`) : null,
        item.generation === 0 ? value(item.goal) : null];
    case 'model':
      return model(item);
    case 'tool':
      return tool(item);
    case 'approval':
      return approval(item);
    case 'retry':
      return [title('Retry', badge('waiting')), h('p', { text: `${item.of.type === 'model' ? 'The model call' : `The call to ${item.of.call?.name ?? 'the tool'}`} failed (${item.of.error}); it is tried again after a back-off.` }),
        facts([['Until', timeEl(item.fireAt)]])];
    case 'sub':
      return subRun(item);
    case 'compact':
      return [title('Compaction', stateBadge(item.state)), item.result ? facts([['Messages folded', count(item.result.compactedMessages)], ['Tokens', tokens(item.result.usage)], ['Conversation tokens after', count(item.result.conversationTokens)]]) : null];
    case 'activity':
      return [title(`Activity ${item.name}`, stateBadge(item.state)), item.error ? note(item.error, 'error') : null];
    case 'event':
      return [title(`Event '${item.name}' received`), value(item.input)];
    case 'control':
      return [title(item.label), item.reason ? value(item.reason) : null];
    case 'end':
      return end(item);
    default:
      return [title(item.kind), value(item.details)];
  }
}

function model(item) {
  const r = item.result;
  const calls = item.calls ?? [];
  return [title(`Model call · step ${item.step}`, item.attempt > 1 ? badge(`attempt ${item.attempt}`, 'info') : null, stateBadge(item.state)),
    r ? facts([['Model', r.modelId ?? '-'], ['Tokens in / out', tokens(r.usage)], ['Cost', usd(r.usage?.costUsd)], ['Finish', r.finishReason]]) : null,
    item.error ? note(item.error, 'error') : null,
    r?.text ? h('div', { class: 'reply' }, h('h4', { text: 'Reply' }), value(r.text)) : null,
    calls.length > 0 ? h('div', { class: 'calls' }, h('h4', { text: `Asked for ${calls.length} tool call(s)` }), h('ul', null, calls.map(callLine))) : null];
}

function callLine(call) {
  const status = call.record?.status ?? (call.awaiting ? 'awaiting approval' : 'pending');
  const kind = { ok: 'ok', rejected: 'rejected', 'awaiting approval': 'waiting', pending: 'running' }[status] ?? 'error';
  return h('li', { class: 'call', dataset: { callId: call.callId } },
    h('div', null, h('code', { class: 'tool-name', text: call.name }), ' ', badge(status, kind), ' ', h('span', { class: 'muted', text: call.callId }),
      call.subRun ? [' ', runLink(call.subRun, 'sub-run')] : null),
    h('div', { class: 'args' }, value(jsonText(call.arguments))),
    call.record && call.record.status !== 'ok' ? h('div', { class: 'result' }, value(call.record.result)) : null);
}

function tool(item) {
  const call = item.call;
  const r = item.result;
  return [title(`Tool call · ${call?.name ?? 'tool'}`, item.attempt > 1 ? badge(`attempt ${item.attempt}`, 'info') : null, stateBadge(item.state === 'done' ? 'done' : item.state)),
    facts([['Call', call?.callId], ['Step', call?.step], ['Timeout at', item.timeoutAt ? timeEl(item.timeoutAt) : null]]),
    call ? h('div', { class: 'args' }, h('h4', { text: 'Arguments' }), value(jsonText(call.arguments))) : null,
    r ? h('div', { class: 'result' }, h('h4', null, 'Result ', badge(r.status, r.status === 'ok' ? 'ok' : 'error'), h('span', { class: 'muted', text: ` ${chars(r.chars)} given to the model` })),
      value(call?.record && call.record.result.length > r.preview.length ? call.record.result : r.preview)) : null,
    item.state === 'timeout' ? note('The call did not finish within its timeout and was abandoned.', 'error') : null,
    item.error ? note(`This attempt failed: ${item.error}`, 'error') : null];
}

function approval(item) {
  const decided = item.decisions.length > 0;
  return [title('Approval', badge(decided ? 'decided' : item.timedOut ? 'timed out' : 'waiting', decided ? 'ok' : 'waiting')),
    facts([['Asked', timeEl(item.at)], ['Deadline', item.deadline ? timeEl(item.deadline) : 'none (escalated)'],
      ['Calls', item.calls.filter((c) => c.awaiting || c.record?.status === 'rejected' || item.decisions.some((d) => (d.callIds ?? []).includes(c.callId))).map((c) => c.name).join(', ')]]),
    item.timedOut ? note(`Nobody decided by the deadline (${item.timedOut}); the agent's policy rejects or escalates.`) : null,
    decided ? h('ul', { class: 'decisions' }, item.decisions.map((d) => h('li', null,
      badge(d.approved ? 'approved' : 'rejected', d.approved ? 'approved' : 'rejected'), ' by ', h('strong', { text: d.approver || 'a human' }),
      d.comment ? [': ', h('q', { text: d.comment })] : ' (no comment)',
      h('span', { class: 'muted', text: ` · ${(d.callIds ?? []).join(', ')}` })))) : null];
}

function subRun(item) {
  const nested = h('div', { class: 'nested' });
  const open = h('button', { type: 'button', class: 'link', text: 'Show its timeline' });
  open.addEventListener('click', async () => {
    if (nested.childElementCount > 0) {
      nested.replaceChildren();
      open.textContent = 'Show its timeline';
      return;
    }
    open.textContent = 'Hide its timeline';
    replace(nested, note('Loading…'));
    try {
      const [run, history] = await Promise.all([api(runPath(item.instanceId)), api(runPath(item.instanceId, '/history'))]);
      replace(nested, timelineList(history, run));
    } catch (e) {
      replace(nested, note(`Could not read the sub-run: ${e.message}`, 'error'));
    }
  });
  return [title(`Sub-run · ${item.agent ?? ''}`, stateBadge(item.state)),
    facts([['Run', runLink(item.instanceId)], ['Outcome', item.result?.outcome], ['Steps', item.result?.steps]]),
    value(item.goal), item.error ? note(item.error, 'error') : null, open, nested];
}

function end(item) {
  if (item.status === 'ContinuedAsNew') return [title('Continued as new'), note('The run carried its state into a new generation to keep its history small.')];
  const r = item.result && typeof item.result === 'object' ? item.result : null;
  return [title(`Run finished · ${item.status}`, r?.outcome ? badge(r.outcome, r.outcome === 'Completed' ? 'completed' : 'error') : null),
    r ? facts([['Steps', count(r.steps)], ['Tokens in / out', tokens(r.usage)], ['Cost', usd(r.usage?.costUsd)], ['Reason', r.reason]]) : null,
    item.error ? note(item.error, 'error') : null];
}
