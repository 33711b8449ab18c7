// A confirmation in a modal <dialog> (the page's own, so it is styled and testable); optionally asks for a reason.

/** Resolves to { ok, reason } once the user confirms or cancels. */
export function confirmAction({ title, message, confirmLabel, askReason = false, danger = true }) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-message').textContent = message;
  const ok = document.getElementById('confirm-ok');
  ok.textContent = confirmLabel;
  ok.className = danger ? 'danger' : 'primary';
  const reason = document.getElementById('confirm-reason');
  reason.value = '';
  document.getElementById('confirm-reason-label').hidden = !askReason;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve({ ok: dialog.returnValue === 'ok', reason: reason.value.trim() }), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    (askReason ? reason : ok).focus();
  });
}
