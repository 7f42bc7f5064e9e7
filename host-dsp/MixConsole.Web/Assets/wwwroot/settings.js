// Network, access and clients as serve reports them (/api/settings), refreshed every second. All read-only: these
// are serve's options. With a pairing key set the report is for logged-in pages only; before login nothing shows.
import { Live } from './live.js';
import { pageAccess } from './access.js';

const REFRESH_MS = 1000;
const access = pageAccess(await (await fetch('/api/console')).json());
const live = new Live({
  access,
  onOpen: () => {},
  onMessage: () => {},
  onMeters: () => {},
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; },
});

const text = (selector, value) => { document.querySelector(selector).textContent = value; };
const ago = seconds => (seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.floor(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);

async function refresh() {
  const answer = await fetch('/api/settings', { cache: 'no-store' });
  const locked = answer.status === 401;
  document.getElementById('locked').hidden = !locked;
  for (const id of ['network', 'access', 'clients']) document.getElementById(id).hidden = locked || !answer.ok;
  if (!answer.ok) return;
  show(await answer.json());
}

function show({ network, access: rules, clients }) {
  const urls = document.getElementById('urls');
  urls.replaceChildren(...network.urls.map(url => {
    const a = document.createElement('a');
    a.href = url;
    a.textContent = url;
    return a;
  }));
  text('[data-setting=httpPort]', network.httpPort);
  text('[data-setting=oscPort]', network.oscPort ?? 'none');
  text('[data-setting=bind]', network.bind);
  text('[data-setting=links]', network.links.join(', ') || 'none');
  text('[data-setting=allow]', rules.checked ? rules.allow.join(', ') : 'everyone (no access control)');
  text('[data-setting=pairing]', rules.pairingKeySet ? `set (a login lasts ${rules.pairingHours} h)` : 'not set: anyone allowed may change anything');
  text('[data-setting=mode]', live.readOnly ? 'read-only' : 'can change');

  const rows = document.getElementById('client-rows');
  rows.replaceChildren(...clients.map(c => {
    const tr = document.createElement('tr');
    tr.dataset.kind = c.kind;
    tr.dataset.address = c.address;
    tr.dataset.page = c.page;
    tr.dataset.readOnly = String(c.readOnly);
    const what = [c.page, ...c.subscriptions].filter(Boolean).join(' ');
    const since = new Date(Date.now() - 1000 * c.connectedSeconds).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    for (const cell of [c.kind, c.address, what, c.readOnly ? 'read-only' : 'yes', `${since} (${ago(c.connectedSeconds)})`, `${ago(c.lastSeenSeconds)} ago`]) {
      const td = document.createElement('td');
      td.textContent = cell;
      tr.append(td);
    }
    return tr;
  }));
  document.body.dataset.refreshed = String((Number(document.body.dataset.refreshed) || 0) + 1);
}

refresh();
setInterval(refresh, REFRESH_MS);
