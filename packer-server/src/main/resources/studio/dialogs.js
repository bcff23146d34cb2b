// One modal dialog for every command: Enter submits, Escape (or Cancel) closes, focus goes back
// to where it came from. The command's error is shown inside the dialog so it can be fixed.

import { $, h, clear } from './dom.js';

let current = null;

/**
 * fields: [{ name, label, value, hint, type, suggestions }] ; submit(values) resolves when done, or throws an
 * error whose message is shown; returning 'close' or resolving closes the dialog.
 */
export function openDialog({ title, intro, fields = [], okLabel = 'OK', danger = false, submit, focusCancel = false,
  fallbackFocus = null }) {
  const dialog = $('dialog');
  const form = $('dialog-form');
  const ok = $('dialog-ok');
  const cancel = $('dialog-cancel');
  const error = $('dialog-error');
  const opener = document.activeElement;
  if (current) current.close();

  $('dialog-title').textContent = title;
  const body = clear($('dialog-body'));
  if (intro) body.append(intro instanceof Node ? intro : h('p', { text: intro }));
  const inputs = {};
  for (const field of fields) {
    const id = `dialog-field-${field.name}`;
    let input;
    if (field.type === 'checkbox') {
      input = h('input', { id, type: 'checkbox', name: field.name });
      input.checked = Boolean(field.value);
      body.append(h('label', { class: 'check', for: id }, input, ' ', field.label));
    } else {
      input = h('input', { id, name: field.name, type: 'text', required: true, spellcheck: 'false',
        autocomplete: 'off', 'aria-describedby': field.hint ? `${id}-hint` : null });
      input.value = field.value ?? '';
      body.append(h('label', { class: 'field block', for: id }, h('span', { text: field.label }), input));
      if (field.suggestions && field.suggestions.length) {
        input.setAttribute('list', `${id}-suggestions`);
        body.append(h('datalist', { id: `${id}-suggestions` }, field.suggestions.map((value) => h('option', { value }))));
      }
      if (field.hint) body.append(h('p', { id: `${id}-hint`, class: 'muted hint', text: field.hint }));
    }
    inputs[field.name] = input;
  }
  error.hidden = true;
  error.textContent = '';
  ok.textContent = okLabel;
  ok.classList.toggle('danger', danger);
  ok.classList.toggle('primary', !danger);
  ok.disabled = false;

  const controller = new AbortController();
  const { signal } = controller;
  let busy = false;

  function close() {
    controller.abort();
    current = null;
    if (dialog.open) dialog.close();
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    else if (fallbackFocus) fallbackFocus.focus(); // The opener was redrawn (the asset changed).
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const values = {};
    for (const [name, input] of Object.entries(inputs)) {
      values[name] = input.type === 'checkbox' ? input.checked : input.value.trim();
    }
    busy = true;
    ok.disabled = true;
    error.hidden = true;
    try {
      const result = await submit(values);
      if (result !== 'keep') close();
    } catch (e) {
      if (e && e.closeDialog) {
        close();
        return;
      }
      error.textContent = e && e.message ? e.message : String(e);
      error.hidden = false;
      const first = Object.values(inputs)[0];
      if (first) {
        first.focus();
        if (first.select) first.select();
      }
    } finally {
      busy = false;
      ok.disabled = false;
    }
  }, { signal });
  cancel.addEventListener('click', close, { signal });
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  }, { signal });
  dialog.addEventListener('close', () => {
    if (current === handle) close();
  }, { signal });

  dialog.showModal();
  const first = Object.values(inputs)[0];
  if (focusCancel) cancel.focus();
  else if (!first) ok.focus();
  else {
    first.focus();
    if (first.select) first.select();
  }
  const handle = { close };
  current = handle;
  return handle;
}

export function dialogOpen() {
  return current !== null;
}
