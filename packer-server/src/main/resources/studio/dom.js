// Small helpers to build elements from data: text is always set as text, never parsed as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (id) => document.getElementById(id);

export function clear(element) {
  element.replaceChildren();
  return element;
}

export function formatBytes(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** file:line:col as compilers print it; line 0 means the whole file. */
export function location(diagnostic) {
  if (!diagnostic.file) return '';
  if (!diagnostic.line) return diagnostic.file;
  return `${diagnostic.file}:${diagnostic.line}` + (diagnostic.column ? `:${diagnostic.column}` : '');
}

export function debounce(fn, millis) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/** Shows a message the user cannot miss; errors stay until dismissed, notes fade. */
export function showMessage(text, kind = 'error') {
  const box = $('messages');
  const close = h('button', { type: 'button', class: 'quiet', 'aria-label': 'Dismiss this message', text: '×' });
  const item = h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'message-text', text }), close);
  close.addEventListener('click', () => item.remove());
  box.append(item);
  while (box.children.length > 4) box.firstElementChild.remove();
  if (kind !== 'error') setTimeout(() => item.remove(), 6000);
  return item;
}
