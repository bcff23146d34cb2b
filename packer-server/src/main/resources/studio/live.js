// The event stream (GET /api/events): snapshot and build events, with the connection state shown
// to the user. EventSource reconnects by itself with Last-Event-ID; when the browser gives up
// (the server went away and came back different), a new stream is opened after a pause.

export function connect({ onSnapshot, onReload, onBuild, onOpen, onState }) {
  let source = null;
  let retry = null;
  let everOpen = false;

  function open() {
    clearTimeout(retry);
    source = new EventSource('/api/events');
    onState('connecting', everOpen ? 'Reconnecting…' : 'Connecting…');
    source.addEventListener('open', () => {
      onState('live', 'Live');
      const again = everOpen;
      everOpen = true;
      onOpen(again);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        onState('offline', 'Offline: retrying in 3 s');
        retry = setTimeout(open, 3000);
      } else {
        onState('connecting', 'Connection lost: reconnecting…');
      }
    });
    source.addEventListener('snapshot', (event) => onSnapshot(parse(event)));
    source.addEventListener('reload', (event) => onReload(parse(event)));
    source.addEventListener('build', (event) => onBuild(parse(event)));
  }

  function parse(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return {};
    }
  }

  open();
  return { close: () => source && source.close() };
}
