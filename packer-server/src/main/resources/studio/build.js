// The build panel: start a build (POST /api/builds), follow it from `build` events, and show its
// result (pack, size, sha256) or why it failed. A build's state only moves forward here, whatever
// order the answers and events arrive in.

import { $, h, clear, formatBytes, location, showMessage } from './dom.js';
import { api, ApiError } from './api.js';

const RANK = { running: 0, succeeded: 1, failed: 1 };

export function createBuilds({ onDiagnosticClick } = {}) {
  let shown = null;
  let available = true;
  let poll = null;
  const button = $('build-button');
  const panel = $('build-panel');

  $('build-close').addEventListener('click', () => {
    panel.hidden = true;
    button.focus();
  });

  button.addEventListener('click', async () => {
    if (!available) {
      showMessage('This server has no build API yet (POST /api/builds); run packer build in a terminal instead.');
      return;
    }
    button.disabled = true;
    try {
      const build = await api.startBuild();
      if (build.started === false) showMessage(`Build ${build.build} is already running; showing it.`, 'note');
      update(build, true);
    } catch (e) {
      showMessage(`Could not start a build: ${e.message}`);
      button.disabled = false;
    }
  });

  function isNewer(build) {
    if (!shown) return true;
    if (build.build !== shown.build) return build.build > shown.build;
    if (RANK[build.state] !== RANK[shown.state]) return RANK[build.state] > RANK[shown.state];
    return (build.done ?? 0) >= (shown.done ?? 0);
  }

  function update(build, reveal = false) {
    if (!build || typeof build.build !== 'number' || !isNewer(build)) return;
    shown = build;
    if (reveal || build.state === 'running') panel.hidden = false;
    render(build);
    clearTimeout(poll);
    button.disabled = build.state === 'running';
    if (build.state === 'running') {
      // Events carry the progress; this only catches a missed one (a dropped stream).
      poll = setTimeout(() => refresh(build.build), 2000);
    }
  }

  async function refresh(n) {
    try {
      update(await api.build(n));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) showMessage(`Reading build ${n}: ${e.message}`);
    }
  }

  function render(build) {
    const state = $('build-state');
    state.textContent = build.state;
    state.dataset.state = build.state;
    $('build-title').textContent = `Build ${build.build}`;
    const progress = $('build-progress');
    if (build.total > 0) {
      progress.max = build.total;
      progress.value = build.done;
    } else if (build.state === 'running') {
      progress.removeAttribute('value');
    } else {
      progress.max = 1;
      progress.value = 1;
    }
    progress.hidden = build.state !== 'running' && build.state !== 'succeeded';
    $('build-count').textContent = build.total > 0 ? `${build.done} / ${build.total} assets` : '';
    const body = clear($('build-body'));
    body.dataset.state = build.state;
    if (build.state === 'running') {
      body.append(h('p', { class: 'muted', text: `Building snapshot version ${build.version}…` }));
      return;
    }
    if (build.state === 'succeeded' && build.result) {
      const r = build.result;
      body.append(h('dl', { class: 'facts' },
        h('dt', { text: 'Pack' }), h('dd', {}, h('code', { text: r.pack })),
        h('dt', { text: 'Size' }), h('dd', { text: r.bytes < 1024 ? `${r.bytes} bytes` : `${formatBytes(r.bytes)} (${r.bytes.toLocaleString('en')} bytes)` }),
        h('dt', { text: 'SHA-256' }), h('dd', {}, h('code', { id: 'build-sha256', class: 'hash', text: r.sha256 })),
        h('dt', { text: 'Entries' }), h('dd', { text: `${r.entries} (${r.processed} processed, ${r.reused} reused)` }),
        h('dt', { text: 'Time' }), h('dd', { text: `${r.millis} ms` + (r.rewritten ? '' : ', pack unchanged') }),
        h('dt', { text: 'Version' }), h('dd', { text: String(build.version) })));
      return;
    }
    if (build.error) body.append(h('p', { class: 'error-text', text: build.error }));
    const diagnostics = build.diagnostics || [];
    if (diagnostics.length) {
      body.append(h('p', { text: `The build stopped on ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}; the previous pack stays.` }));
      body.append(h('ul', { class: 'diagnostics compact' }, diagnostics.map((d) => diagnosticItem(d, onDiagnosticClick))));
    } else if (!build.error) {
      body.append(h('p', { class: 'error-text', text: 'The build failed.' }));
    }
  }

  return {
    update,
    /** Reads the last build: at start and after the stream was down (build events are not replayed). */
    async catchUp() {
      try {
        update(await api.lastBuild());
        available = true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          // "no such endpoint" means this server has no builds at all; otherwise none ran yet.
          available = !/no such endpoint/.test(e.message);
          button.title = available ? '' : 'This server cannot build yet';
        } else {
          showMessage(`Reading the last build: ${e.message}`);
        }
      }
    },
  };
}

export function diagnosticItem(d, onClick) {
  const where = location(d);
  return h('li', { class: `diagnostic ${d.severity}` },
    h('span', { class: `badge ${d.severity}`, text: d.severity }),
    ' ',
    onClick && d.file
      ? h('button', { type: 'button', class: 'link location', text: where, title: 'Show the asset', onclick: () => onClick(d) })
      : h('code', { class: 'location', text: where }),
    ' ',
    h('span', { class: 'code muted', text: d.code }),
    h('div', { class: 'diagnostic-message', text: d.message }));
}
