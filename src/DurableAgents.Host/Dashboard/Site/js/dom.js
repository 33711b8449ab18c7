// Builds DOM from data with textContent and attributes only. Nothing that came from the API (every value there may come from a
// model or a tool) is ever parsed as HTML, so a "<script>" in a tool result is shown as the text it is.

/** Creates an element: props are attributes (class, text, on<event>, dataset and plain attributes); children are nodes or text. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  appendAll(el, children);
  return el;
}

/** Appends nodes or text (null and false are skipped; arrays are flattened). */
export function appendAll(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  return appendAll(el, children);
}

/** A link inside the dashboard (built from our own route and an encoded id, never from a value as-is). */
export function routeLink(route, id, text) {
  return h('a', { href: `#/${route}/${encodeURIComponent(id)}`, text: text ?? id });
}

/** The page's link for a run. */
export const runLink = (id, text) => routeLink('runs', id, text);

/** A status badge: the class is picked from a fixed list, the label is text. */
export function badge(label, kind) {
  const known = ['running', 'pending', 'suspended', 'completed', 'failed', 'terminated', 'waiting', 'ok', 'error', 'rejected', 'approved', 'info'];
  const cls = String(kind ?? label ?? '').toLowerCase();
  return h('span', { class: `badge ${known.includes(cls) ? cls : 'info'}`, text: label ?? '-' });
}

/** A titled section. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

/** A collapsible section that keeps its open state across re-renders (by key). */
export function foldable(key, title, openKeys, build, { openByDefault = false } = {}) {
  const open = openKeys.has(key) || (openByDefault && !openKeys.has(`!${key}`));
  const details = h('details', { class: 'card fold', open, dataset: { key } }, h('summary', null, h('h2', { text: title })));
  let built = false;
  const fill = () => {
    if (!built && details.open) {
      built = true;
      appendAll(details, build());
    }
  };
  details.addEventListener('toggle', () => {
    openKeys.delete(key);
    openKeys.delete(`!${key}`);
    openKeys.add(details.open ? key : `!${key}`);
    fill();
  });
  fill();
  return details;
}

/** A definition list from [label, value] pairs (values as nodes or text; empty ones skipped). */
export function facts(pairs) {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(h('dt', { text: label }), h('dd', null, value));
  }
  return dl;
}

/** A message line (info, error or ok). */
export function note(text, kind = 'info') {
  return h('p', { class: `note ${kind}`, role: kind === 'error' ? 'alert' : 'status', text });
}
