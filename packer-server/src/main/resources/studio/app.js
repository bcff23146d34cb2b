// The studio page: the asset list with search and filters, one asset's details with previews,
// every diagnostic, the lane commands (each sent with If-Match on the version shown) and builds,
// kept current by the event stream.

import { api, ApiError } from './api.js';
import { $, h, clear, debounce, formatBytes, location, showMessage } from './dom.js';
import { connect } from './live.js';
import { createBuilds, diagnosticItem } from './build.js';
import { openDialog, dialogOpen } from './dialogs.js';

const PAGE = 100;
const MAX_PAGE = 1000;
const IMAGE = /\.(png|jpe?g|gif|webp|bmp)$/i;

const state = {
  filters: { q: '', type: '', tag: '', state: '' },
  rows: [],
  total: 0,
  nextCursor: null,
  active: 0,
  selected: null, // key of the asset shown in the details
  detail: null, // { asset, version }
  pending: null, // { key, version } of an open command dialog
  view: 'assets',
  types: new Set(),
  tags: new Set(),
  seq: { list: 0, detail: 0, workspace: 0, diagnostics: 0 },
};

const keyOf = (asset) => (asset.id ? `id:${asset.id}` : `folder:${asset.folder}`);
const refOf = (key) => (key.startsWith('id:') ? { id: key.slice(3) } : { folder: key.slice(7) });

const builds = createBuilds({ onDiagnosticClick: (d) => openByFile(d.file) });

// ---- workspace summary ------------------------------------------------------------------------

async function loadWorkspace() {
  const seq = ++state.seq.workspace;
  try {
    const ws = await api.workspace();
    if (seq !== state.seq.workspace) return;
    $('workspace-name').textContent = ws.name;
    document.title = `${ws.name} · Packer studio`;
    const a = ws.assets;
    const d = ws.diagnostics;
    const parts = [`${a.total} asset${a.total === 1 ? '' : 's'}`];
    if (a.unregistered) parts.push(`${a.unregistered} unregistered`);
    if (a.missing) parts.push(`${a.missing} missing`);
    if (a.invalid) parts.push(`${a.invalid} invalid`);
    parts.push(`version ${ws.version}`);
    $('summary').textContent = parts.join(' · ');
    const count = $('diagnostics-count');
    count.textContent = [d.errors ? `${d.errors} E` : '', d.warnings ? `${d.warnings} W` : ''].filter(Boolean).join(' · ');
    count.dataset.severity = d.errors ? 'error' : d.warnings ? 'warning' : '';
  } catch (e) {
    showMessage(`Reading the workspace: ${e.message}`);
  }
}

// ---- the list ---------------------------------------------------------------------------------

async function loadList({ keep = true } = {}) {
  const seq = ++state.seq.list;
  const limit = keep ? Math.min(MAX_PAGE, Math.max(PAGE, state.rows.length)) : PAGE;
  $('list-status').textContent = state.rows.length ? $('list-status').textContent : 'Loading…';
  try {
    const page = await api.assets(state.filters, { limit });
    if (seq !== state.seq.list) return;
    const activeKey = state.rows[state.active] ? keyOf(state.rows[state.active]) : null;
    state.rows = page.assets;
    state.total = page.total;
    state.nextCursor = page.nextCursor;
    const index = activeKey ? state.rows.findIndex((r) => keyOf(r) === activeKey) : -1;
    state.active = index >= 0 ? index : Math.min(state.active, Math.max(0, state.rows.length - 1));
    learn(page.assets);
    renderList();
  } catch (e) {
    if (seq !== state.seq.list) return;
    $('list-status').textContent = 'The list could not be read.';
    showMessage(e.status === 400 ? `Filter refused: ${e.message}` : `Reading the assets: ${e.message}`);
  }
}

async function loadMore() {
  if (!state.nextCursor) return;
  const seq = ++state.seq.list;
  const button = $('load-more');
  button.disabled = true;
  try {
    const page = await api.assets(state.filters, { limit: PAGE, cursor: state.nextCursor });
    if (seq !== state.seq.list) return;
    const first = state.rows.length;
    state.rows = state.rows.concat(page.assets);
    state.total = page.total;
    state.nextCursor = page.nextCursor;
    learn(page.assets);
    renderList();
    if (page.assets.length) focusRow(first);
  } catch (e) {
    showMessage(`Reading more assets: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

function learn(assets) {
  let changed = false;
  for (const asset of assets) {
    if (asset.type && !state.types.has(asset.type)) {
      state.types.add(asset.type);
      changed = true;
    }
    for (const tag of asset.tags || []) {
      if (!state.tags.has(tag)) {
        state.tags.add(tag);
        changed = true;
      }
    }
  }
  if (!changed) return;
  const options = (set) => [...set].sort().map((value) => h('option', { value }));
  clear($('known-types')).append(...options(state.types));
  clear($('known-tags')).append(...options(state.tags));
}

function renderList() {
  const body = $('asset-rows');
  const hadFocus = body.contains(document.activeElement);
  clear(body);
  state.rows.forEach((asset, index) => {
    const key = keyOf(asset);
    const row = h('tr', {
      tabindex: index === state.active ? '0' : '-1',
      'aria-current': key === state.selected ? 'true' : null,
      dataset: { key, index: String(index) },
      class: `state-${asset.state}`,
    },
    h('td', { class: 'name' }, asset.name ?? h('span', { class: 'muted', text: lastSegment(asset.folder) })),
    h('td', { text: asset.type ?? '—' }),
    h('td', { class: 'folder', text: asset.folder ?? '—' }),
    h('td', {}, h('span', { class: `badge ${asset.state}`, text: asset.state })),
    h('td', { class: 'num' }, problems(asset)));
    body.append(row);
  });
  const shown = state.rows.length;
  const filtered = Object.values(state.filters).some(Boolean);
  $('list-status').textContent = shown === 0
    ? (filtered ? 'No asset matches these filters.' : 'This workspace has no assets yet.')
    : `${shown === state.total ? shown : `${shown} of ${state.total}`} asset${state.total === 1 ? '' : 's'}`
      + (filtered ? ' match' : '');
  $('load-more').hidden = !state.nextCursor;
  if (hadFocus) focusRow(state.active);
}

function problems(asset) {
  if (!asset.errors && !asset.warnings) return h('span', { class: 'muted', text: '—' });
  return h('span', { class: 'problems' },
    asset.errors ? h('span', { class: 'badge error', title: `${asset.errors} error(s)`, text: `${asset.errors} E` }) : null,
    asset.errors && asset.warnings ? ' ' : null,
    asset.warnings ? h('span', { class: 'badge warning', title: `${asset.warnings} warning(s)`, text: `${asset.warnings} W` }) : null);
}

function lastSegment(folder) {
  return folder ? folder.slice(folder.lastIndexOf('/') + 1) : '';
}

function focusRow(index) {
  const rows = $('asset-rows').rows;
  if (!rows.length) return;
  const i = Math.max(0, Math.min(index, rows.length - 1));
  for (const row of rows) row.tabIndex = -1;
  rows[i].tabIndex = 0;
  state.active = i;
  rows[i].focus();
  rows[i].scrollIntoView({ block: 'nearest' });
}

function onListKey(event) {
  const row = event.target.closest('tr[data-key]');
  if (!row) return;
  const index = Number(row.dataset.index);
  const page = Math.max(1, Math.floor($('asset-rows').parentElement.parentElement.clientHeight / (row.offsetHeight || 30)) - 1);
  const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: state.rows.length - 1,
    PageDown: index + page, PageUp: index - page };
  if (event.key in moves) {
    event.preventDefault();
    focusRow(moves[event.key]);
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    state.active = index;
    openAsset(row.dataset.key);
  }
}

function onListClick(event) {
  const row = event.target.closest('tr[data-key]');
  if (!row) return;
  focusRow(Number(row.dataset.index));
  openAsset(row.dataset.key);
}

// ---- one asset --------------------------------------------------------------------------------

async function openAsset(key) {
  state.selected = key;
  for (const row of $('asset-rows').rows) {
    if (row.dataset.key === key) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
  await loadDetail();
}

async function loadDetail() {
  const key = state.selected;
  const seq = ++state.seq.detail;
  if (!key) {
    state.detail = null;
    clear($('details')).append(h('p', { class: 'empty muted', text: 'Select an asset to see its declaration, inputs and diagnostics.' }));
    return;
  }
  try {
    const answer = await api.asset(refOf(key));
    if (seq !== state.seq.detail || key !== state.selected) return;
    state.detail = { asset: answer.asset, version: answer.version };
    renderDetail();
  } catch (e) {
    if (seq !== state.seq.detail) return;
    if (e instanceof ApiError && e.status === 404) {
      state.detail = null;
      const box = clear($('details'));
      box.append(h('p', { class: 'empty', role: 'status', text: 'This asset is no longer in the workspace (removed, moved or renamed on disk).' }));
      return;
    }
    showMessage(`Reading the asset: ${e.message}`);
  }
}

function renderDetail() {
  const { asset, version } = state.detail;
  const box = clear($('details'));
  const title = asset.name ?? lastSegment(asset.folder);
  box.append(h('header', { class: 'detail-head' },
    h('h2', { id: 'detail-title', text: title }),
    h('span', { class: `badge ${asset.state}`, text: asset.state })));
  box.append(actionBar(asset));

  const d = asset.declaration;
  box.append(h('dl', { class: 'facts' },
    h('dt', { text: 'Id' }), h('dd', {}, asset.id ? h('code', { id: 'detail-id', text: asset.id }) : h('span', { class: 'muted', text: 'none yet (adopt it)' })),
    h('dt', { text: 'Folder' }), h('dd', {}, h('code', { text: asset.folder ?? '—' })),
    h('dt', { text: 'Type' }), h('dd', { text: (d && d.type) ?? asset.type ?? '—' }),
    h('dt', { text: 'Tags' }), h('dd', {}, tagList((d && d.tags) ?? asset.tags ?? [])),
    h('dt', { text: 'Version' }), h('dd', { id: 'detail-version', class: 'muted', text: `read from snapshot ${version}` })));

  box.append(h('h3', { text: 'Inputs' }));
  if (!asset.inputs.length) {
    box.append(h('p', { class: 'muted', text: d && d.inputs && d.inputs.length ? 'None of the declared inputs is there.' : 'No inputs.' }));
  } else {
    box.append(h('table', { class: 'inputs' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Path' }), h('th', { scope: 'col', class: 'num', text: 'Size' }))),
      h('tbody', {}, asset.inputs.map((input) => h('tr', {},
        h('td', {}, h('code', { text: input.path })),
        h('td', { class: 'num', title: `${input.size} bytes`, text: formatBytes(input.size) }))))));
    const previews = asset.inputs.filter((input) => input.url && IMAGE.test(input.path));
    if (previews.length) {
      box.append(h('div', { class: 'previews' }, previews.map((input) => {
        const img = h('img', { src: input.url, alt: `Preview of ${input.path}`, class: 'preview', decoding: 'async' });
        const caption = h('figcaption', { text: input.path });
        img.addEventListener('load', () => {
          caption.textContent = `${input.path} · ${img.naturalWidth}×${img.naturalHeight}`;
          // Tiny sprites are shown enlarged (pixelated), whole multiples so no pixel blurs.
          const scale = Math.floor(96 / Math.max(img.naturalWidth, img.naturalHeight));
          if (scale > 1) img.width = img.naturalWidth * scale;
        });
        img.addEventListener('error', () => { caption.textContent = `${input.path} · cannot be shown`; });
        return h('figure', {}, img, caption);
      })));
    }
  }

  if (d && d.params && Object.keys(d.params).length) {
    box.append(h('h3', { text: 'Params' }), h('pre', { class: 'params', text: JSON.stringify(d.params, null, 2) }));
  }

  box.append(h('h3', {}, 'Diagnostics ', h('span', { class: 'count', text: String(asset.diagnostics.length) })));
  if (!asset.diagnostics.length) box.append(h('p', { class: 'muted', text: 'No problems.' }));
  else box.append(h('ul', { class: 'diagnostics compact' }, asset.diagnostics.map((x) => diagnosticItem(x))));
}

function tagList(tags) {
  if (!tags.length) return h('span', { class: 'muted', text: 'none' });
  return h('span', { class: 'tags' }, tags.map((t) => h('span', { class: 'tag', text: t })));
}

function actionBar(asset) {
  const bar = h('div', { class: 'actions', role: 'group', 'aria-label': 'Commands' });
  const button = (label, fn, cls) => h('button', { type: 'button', class: cls, text: label, onclick: fn });
  if (asset.id && asset.state !== 'missing') {
    bar.append(button('Rename…', () => renameDialog(asset)), button('Move…', () => moveDialog(asset)));
  }
  if (asset.id && asset.state === 'missing') bar.append(button('Relocate…', () => relocateDialog(asset)));
  if (!asset.id) bar.append(button('Adopt…', () => adoptDialog(asset)));
  if (asset.id) bar.append(button('Remove…', () => removeDialog(asset), 'danger'));
  return bar;
}

// ---- commands ---------------------------------------------------------------------------------

function command({ asset, title, intro, fields, okLabel, danger, focusCancel, run, done, select }) {
  state.pending = { key: keyOf(asset), version: state.detail.version };
  const pending = state.pending;
  openDialog({
    title, intro, fields, okLabel, danger, focusCancel, fallbackFocus: $('details'),
    async submit(values) {
      try {
        const answer = await run(values, pending.version);
        if (state.pending === pending) state.pending = null;
        showMessage(done(values, answer), 'note');
        // Rename, move and relocate keep the id; adopt gives one; remove may leave the folder.
        state.selected = select ? select(values, answer) : keyOf(asset);
        await refreshAll();
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const now = e.body && e.body.currentVersion != null ? `; it is now at version ${e.body.currentVersion}` : '';
          showMessage(`The workspace changed since you looked (you saw version ${pending.version}${now}). `
            + 'The view was refreshed: check the asset and try again.');
          state.pending = null;
          await refreshAll();
          throw Object.assign(new Error('conflict'), { closeDialog: true });
        }
        throw e;
      }
    },
  });
}

function renameDialog(asset) {
  command({
    asset, title: `Rename ${asset.name}`, okLabel: 'Rename',
    fields: [{ name: 'name', label: 'New name', value: asset.name, hint: 'The name the game looks the asset up by; its id stays.' }],
    run: (v, version) => api.rename(asset.id, v.name, version),
    done: (v) => `Renamed ${asset.name} to ${v.name}.`,
  });
}

function moveDialog(asset) {
  command({
    asset, title: `Move ${asset.name}`, okLabel: 'Move',
    fields: [{ name: 'folder', label: 'New folder', value: asset.folder, hint: 'Relative to the workspace, with / between folders.' }],
    run: (v, version) => api.move(asset.id, v.folder, version),
    done: (v) => `Moved ${asset.name} to ${v.folder}.`,
  });
}

async function relocateDialog(asset) {
  // Unregistered folders with the same name (or named as the old folder) are the likely new place.
  const name = asset.name ?? lastSegment(asset.folder);
  let candidates = [];
  try {
    const page = await api.assets({ q: name, state: 'unregistered' }, { limit: 50 });
    candidates = page.assets.filter((a) => a.name === name).map((a) => a.folder);
  } catch (e) {
    showMessage(`Looking for where ${name} went: ${e.message}`);
  }
  command({
    asset, title: `Relocate ${name}`, okLabel: 'Relocate',
    intro: 'This asset\'s folder is gone. If it was moved outside packer, say where it is now.',
    fields: [{ name: 'folder', label: 'Folder where it is now', value: candidates.length === 1 ? candidates[0] : asset.folder,
      suggestions: candidates,
      hint: candidates.length ? 'Unregistered folders with the same name are offered; relative to the workspace.' : 'Relative to the workspace.' }],
    run: (v, version) => api.relocate(asset.id, v.folder, version),
    done: (v) => `Relocated to ${v.folder}.`,
  });
}

function adoptDialog(asset) {
  command({
    asset, title: `Adopt ${asset.folder}`, okLabel: 'Adopt',
    intro: h('p', {}, 'Give ', h('code', { text: asset.folder }), ' an id so it is registered and built.'),
    fields: [],
    run: (v, version) => api.adopt(asset.folder, version),
    done: (v, answer) => `Adopted ${asset.folder} as ${answer.id}.`,
    select: (v, answer) => `id:${answer.id}`,
  });
}

function removeDialog(asset) {
  command({
    asset, title: `Remove ${asset.name ?? asset.id}?`, okLabel: 'Remove', danger: true, focusCancel: true,
    intro: h('p', {}, 'This unregisters ', h('strong', { text: asset.name ?? asset.id }),
      ' and deletes its folder ', h('code', { text: asset.folder }), ' unless you keep the files.'),
    fields: [{ name: 'keepFiles', label: 'Keep the files on disk (only unregister)', type: 'checkbox', value: false }],
    run: (v, version) => api.remove(asset.id, v.keepFiles, version),
    done: (v) => `Removed ${asset.name ?? asset.id}${v.keepFiles ? ' (files kept)' : ''}.`,
    select: (v) => (v.keepFiles ? `folder:${asset.folder}` : null),
  });
}

// ---- diagnostics view -------------------------------------------------------------------------

async function loadDiagnostics() {
  const seq = ++state.seq.diagnostics;
  try {
    const answer = await api.diagnostics($('diagnostics-severity').value);
    if (seq !== state.seq.diagnostics) return;
    const list = clear($('diagnostics-list'));
    const items = answer.diagnostics;
    $('diagnostics-status').textContent = items.length
      ? `${items.length} problem${items.length === 1 ? '' : 's'} in version ${answer.version}`
      : `No problems in version ${answer.version}.`;
    list.append(...items.map((d) => diagnosticItem(d, (x) => openByFile(x.file))));
  } catch (e) {
    showMessage(`Reading the diagnostics: ${e.message}`);
  }
}

/** Shows the asset a diagnostic's file belongs to: its folder, or the nearest one above. */
async function openByFile(file) {
  const segments = file.split('/');
  for (let n = segments.length - 1; n > 0; n--) {
    const folder = segments.slice(0, n).join('/');
    try {
      const answer = await api.asset({ folder });
      selectView('assets');
      state.selected = keyOf(answer.asset);
      state.detail = { asset: answer.asset, version: answer.version };
      renderList();
      renderDetail();
      $('details').focus();
      return;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        showMessage(`Reading the asset of ${file}: ${e.message}`);
        return;
      }
    }
  }
  showMessage(`${file} is not part of an asset (it belongs to the workspace).`, 'note');
}

function selectView(view) {
  state.view = view;
  for (const [name, tab] of [['assets', $('tab-assets')], ['diagnostics', $('tab-diagnostics')]]) {
    const on = name === view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`view-${name}`).hidden = !on;
  }
  if (view === 'diagnostics') loadDiagnostics();
}

// ---- live updates -----------------------------------------------------------------------------

const refreshSoon = debounce(() => {
  loadList();
  loadWorkspace();
  if (state.view === 'diagnostics') loadDiagnostics();
}, 150);

function onSnapshot(data) {
  const changed = new Set(data.changed || []);
  const folders = new Set(data.folders || []);
  const key = state.selected;
  const touched = key && (key.startsWith('id:') ? changed.has(key.slice(3)) : folders.has(key.slice(7)));
  if (touched) {
    loadDetail();
  } else if (state.detail && data.version > state.detail.version) {
    // Not in `changed`: what the page shows is still the asset at the new version.
    state.detail.version = data.version;
    if (state.pending && state.pending.key === key) state.pending.version = data.version;
    const shown = $('detail-version');
    if (shown) shown.textContent = `read from snapshot ${data.version}`;
  }
  refreshSoon();
}

async function refreshAll() {
  refreshSoon.cancel();
  await Promise.all([loadWorkspace(), loadList(), loadDetail(),
    state.view === 'diagnostics' ? loadDiagnostics() : null]);
}

function setConnection(kind, text) {
  const pill = $('connection');
  pill.dataset.state = kind;
  pill.textContent = text;
}

// ---- wiring -----------------------------------------------------------------------------------

function wire() {
  const search = $('search');
  const applyFilters = () => {
    state.filters = {
      q: search.value.trim(),
      type: $('filter-type').value.trim(),
      tag: $('filter-tag').value.trim(),
      state: $('filter-state').value,
    };
    state.active = 0;
    loadList({ keep: false });
  };
  const soon = debounce(applyFilters, 200);
  search.addEventListener('input', soon);
  $('filter-type').addEventListener('input', soon);
  $('filter-tag').addEventListener('input', soon);
  $('filter-state').addEventListener('change', applyFilters);
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    soon.cancel();
    applyFilters();
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && state.rows.length) {
      event.preventDefault();
      focusRow(state.active);
    }
  });

  $('asset-rows').addEventListener('keydown', onListKey);
  $('asset-rows').addEventListener('click', onListClick);
  $('load-more').addEventListener('click', loadMore);

  $('tab-assets').addEventListener('click', () => selectView('assets'));
  $('tab-diagnostics').addEventListener('click', () => selectView('diagnostics'));
  $('diagnostics-severity').addEventListener('change', loadDiagnostics);
  document.querySelector('.tabs').addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = state.view === 'assets' ? 'diagnostics' : 'assets';
    selectView(next);
    $(`tab-${next}`).focus();
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || dialogOpen()) return;
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    event.preventDefault();
    selectView('assets');
    search.focus();
    search.select();
  });
}

async function checkSession() {
  try {
    await api.session();
    $('signin').hidden = true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) $('signin').hidden = false;
    else showMessage(`Checking the sign-in: ${e.message}`);
  }
}

wire();
loadWorkspace();
loadList({ keep: false });
checkSession();
builds.catchUp();
connect({
  onSnapshot,
  onReload: () => refreshAll(),
  onBuild: (build) => builds.update(build),
  onOpen: (again) => {
    // Whatever happened before the stream was (re)opened is read again, so nothing falls between.
    if (again) {
      refreshAll();
      builds.catchUp();
      checkSession();
    } else {
      refreshSoon();
    }
  },
  onState: setConnection,
});
