// Live updates by polling the API: the page keeps what it shows fresh while it is visible, and stops when it is left.
const label = () => document.getElementById('live');

/** Calls `tick` now and then every `interval()` ms while the tab is visible; returns a function that stops it. */
export function poll(tick, interval) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    timer = null;
    if (stopped) return;
    if (document.hidden) {
      schedule(1000);
      return;
    }
    try {
      await tick();
      show(`Live · updated ${new Date().toLocaleTimeString()}`, false);
    } catch (e) {
      show(`Live · last update failed: ${e.message}`, true);
    }
    schedule(typeof interval === 'function' ? interval() : interval);
  };
  const schedule = (ms) => {
    if (!stopped && ms > 0) timer = setTimeout(run, ms);
  };
  run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

function show(text, failed) {
  const el = label();
  if (!el) return;
  el.hidden = false;
  el.textContent = text;
  el.classList.toggle('failed', failed);
}

/** Hides the live label (a page with nothing to follow). */
export function quiet() {
  const el = label();
  if (el) el.hidden = true;
}
