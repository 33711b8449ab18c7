// A run's conversation from GET /api/runs/{id}/conversation: every message the run had, oldest first, long values cut.
import { api, runPath } from './api.js';
import { h, replace, note } from './dom.js';
import { value } from './format.js';

const PAGE = 200;

/** The conversation, read when shown. */
export function conversationView(id) {
  const box = h('div', { class: 'conversation', id: 'conversation' }, note('Loading…'));
  const load = async (skip) => {
    try {
      const page = await api(runPath(id, '/conversation'), { query: { skip, take: PAGE } });
      const list = h('ol', { class: 'messages', start: skip + 1 }, page.messages.map((m) => message(id, m)));
      const more = skip + page.messages.length < page.total
        ? h('button', { type: 'button', class: 'secondary', text: `Next ${PAGE} of ${page.total}`, onclick: () => load(skip + PAGE) }) : null;
      replace(box, page.total === 0 ? note('The conversation is empty.') : [h('p', { class: 'muted', text: `${page.total} message(s).` }), list, more]);
    } catch (e) {
      replace(box, note(`The conversation could not be read: ${e.message}`, 'error'));
    }
  };
  load(0);
  return box;
}

function message(id, m) {
  const whole = async (pick) => pick((await api(runPath(id, '/conversation'), { query: { skip: m.index, take: 1, maxChars: 0 } })).messages[0]);
  return h('li', { class: `msg msg-${m.role === 'assistant' || m.role === 'user' || m.role === 'tool' ? m.role : 'other'}` },
    h('div', { class: 'role', text: m.role }),
    m.text !== null && m.text !== undefined ? value(m.text, { loadWhole: () => whole((x) => x.text) }) : null,
    (m.toolCalls ?? []).map((c, i) => h('div', { class: 'msg-call' }, h('code', { text: `${c.name} ` }), h('span', { class: 'muted', text: c.callId }),
      value(c.arguments, { loadWhole: () => whole((x) => x.toolCalls[i].arguments) }))),
    (m.toolResults ?? []).map((r, i) => h('div', { class: 'msg-result' }, h('span', { class: 'muted', text: `result of ${r.callId}` }),
      value(r.result, { loadWhole: () => whole((x) => x.toolResults[i].result) }))));
}
