// Formatting of times, numbers and long values. Long values are shown cut with their size and can be expanded; values the host
// already cut ({truncated, size, preview}, as /history and /conversation send them) say so.
import { h } from './dom.js';

const SHOWN = 600;

/** A UTC time as local date and time (seconds), or '-' . */
export function time(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970) return '-';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A time element with the UTC value in its title. */
export function timeEl(iso) {
  return h('time', { datetime: iso ?? '', title: iso ? `${iso} (UTC)` : null, text: time(iso) });
}

/** How long ago (or ahead) a moment is, in words. */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] = abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 86400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  return seconds < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** A whole number with thousands separators. */
export const count = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '-');

/** Money in USD, with enough digits for the small sums model calls cost. */
export const usd = (n) => (typeof n === 'number' ? `$${n.toFixed(n !== 0 && Math.abs(n) < 0.01 ? 4 : 2)}` : '-');

/** Tokens in / out. */
export const tokens = (usage) => (usage ? `${count(usage.inputTokens)} / ${count(usage.outputTokens)}` : '-');

/** Characters as a size. */
export const chars = (n) => `${count(n)} chars`;

/** True for the host's marker of a cut value. */
export const isCut = (value) => value !== null && typeof value === 'object' && value.truncated === true && typeof value.preview === 'string';

/** The text of a value: strings as they are, JSON pretty-printed. */
export function textOf(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

/**
 * A value as text in a <pre>: cut at {@link SHOWN} characters with a button to show it all; a value the host cut shows its preview
 * and its size, and (when `loadWhole` is given) a button that asks the host for the whole value.
 */
export function value(v, { loadWhole, className = 'value' } = {}) {
  const box = h('div', { class: className });
  const cut = isCut(v);
  const text = cut ? v.preview : textOf(v);
  const pre = h('pre');
  box.append(pre);
  const render = (full) => {
    pre.textContent = full || text.length <= SHOWN ? text : `${text.slice(0, SHOWN)}…`;
  };
  render(false);
  if (!cut && text.length > SHOWN) {
    let full = false;
    const toggle = h('button', { type: 'button', class: 'link expand', text: `Show all (${chars(text.length)})` });
    toggle.addEventListener('click', () => {
      full = !full;
      render(full);
      toggle.textContent = full ? 'Show less' : `Show all (${chars(text.length)})`;
    });
    box.append(toggle);
  }
  if (cut) {
    box.append(h('span', { class: 'muted size', text: `Cut by the host: ${chars(v.size)} in all, the first ${chars(v.preview.length)} shown.` }));
    if (loadWhole) {
      const load = h('button', { type: 'button', class: 'link expand', text: 'Load the whole value' });
      load.addEventListener('click', async () => {
        load.disabled = true;
        try {
          box.replaceWith(value(await loadWhole(), { className }));
        } catch (e) {
          load.disabled = false;
          load.textContent = `Could not load it: ${e.message}`;
        }
      });
      box.append(load);
    }
  }
  if (text.length === 0) pre.textContent = '(empty)';
  return box;
}

/** JSON text (as tool arguments are sent) pretty-printed when it parses, as-is when not. */
export function jsonText(text) {
  if (typeof text !== 'string') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
