// The 100 scene slots through the console's own OSC scene commands (the X32's /save, /-action/goscene, /delete, /rename).
import { Live } from './live.js';
import { pageAccess } from './access.js';

const SLOTS = 100;
const SHOW = '/-show/showfile/scene/';
const CURRENT = '/-show/prepos/current';
const three = n => String(n).padStart(3, '0');
const ascii = text => text.replace(/[^ -~]/g, '');

const consoleInfo = await (await fetch('/api/console')).json();
const access = pageAccess(consoleInfo);
const body = document.getElementById('slots');
const rows = [];

const live = new Live({
  access,
  onOpen: () => {
    for (let n = 0; n < SLOTS; n++) { live.send(`${SHOW}${three(n)}/name`); live.send(`${SHOW}${three(n)}/notes`); }
    live.send(CURRENT);
  },
  onMessage: receive,
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; },
});

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.disabled = access.readOnly;
  b.addEventListener('click', onClick);
  return b;
}

function field(n, which, maxLength) {
  const input = document.createElement('input');
  input.maxLength = maxLength;
  input.dataset.path = `${SHOW}${three(n)}/${which}`;
  input.setAttribute('aria-label', `Scene ${n} ${which}`);
  input.readOnly = access.readOnly;
  return input;
}

// A slot's row: the name and notes are edited in place; a change to a saved slot renames it (or sets its notes).
function row(n) {
  const tr = document.createElement('tr');
  tr.dataset.slot = String(n);
  tr.dataset.saved = 'false';
  const name = field(n, 'name', 32);
  const notes = field(n, 'notes', 256);
  name.addEventListener('change', () => { if (tr.dataset.saved === 'true') live.send('/rename', [['s', 'scene'], ['i', n], ['s', ascii(name.value)]]); });
  notes.addEventListener('change', () => { if (tr.dataset.saved === 'true') live.send(notes.dataset.path, [['s', ascii(notes.value)]]); });
  const save = () => live.send('/save', [['s', 'scene'], ['i', n], ['s', ascii(name.value) || `Scene ${n}`], ['s', ascii(notes.value)]]);
  const recall = () => live.send('/-action/goscene', [['i', n], ['f', Number(document.getElementById('fade').value) || 0]]);
  const remove = () => live.send('/delete', [['s', 'scene'], ['i', n]]);
  const cells = [String(n), name, notes, [button('Save', `Save scene ${n}`, save), button('Recall', `Recall scene ${n}`, recall), button('Delete', `Delete scene ${n}`, remove)]];
  for (const content of cells) {
    const td = document.createElement('td');
    td.append(...[content].flat());
    tr.append(td);
  }
  rows.push({ tr, name, notes });
  return tr;
}

function receive(address, values) {
  if (address === CURRENT) {
    const current = values[0];
    rows.forEach(({ tr }, n) => (n === current ? tr.setAttribute('aria-current', 'true') : tr.removeAttribute('aria-current')));
    document.getElementById('current').textContent = current >= 0 ? String(current) : 'none';
    return;
  }
  if (!address.startsWith(SHOW)) return;
  const n = Number(address.slice(SHOW.length, SHOW.length + 3));
  const slot = rows[n];
  if (!slot || typeof values[0] !== 'string') return;
  const input = address.endsWith('/name') ? slot.name : slot.notes;
  if (document.activeElement !== input) input.value = values[0];
  // Only a saved slot has a name: the console answers an empty one for an empty slot.
  if (input === slot.name) slot.tr.dataset.saved = String(values[0] !== '');
}

for (let n = 0; n < SLOTS; n++) body.append(row(n));
document.getElementById('undo').disabled = access.readOnly;
document.getElementById('undo').addEventListener('click', () => live.send('/-action/undoscene'));
