// The mixer page: channel strips in banks, live through one WebSocket.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { Slider, Switch, NameField, Choice, touch } from './controls.js';

const PATTERNS = ['/ch/*/mix/fader', '/ch/*/mix/on', '/ch/*/mix/pan', '/ch/*/solo', '/ch/*/config/name', '/ch/*/config/color'];
// The X32's eight strip colours (OFF, RD, GN, YE, BL, MG, CY, WH); 8-15 are the same, drawn inverted.
const PALETTE = ['#3a3f47', '#e04848', '#3fbf5f', '#e8c33a', '#4a86e8', '#c64ad8', '#3ac8d8', '#e8e8e8'];
const METER_FLOOR_DB = -60;

const get = async url => (await fetch(url)).json();
const two = n => String(n).padStart(2, '0');

const consoleInfo = await get('/api/console');
const access = pageAccess(consoleInfo);
const table = await get('/api/params?' + PATTERNS.map(p => 'match=' + encodeURIComponent(p)).join('&'));
const specOf = path => table.specs[table.params[path]];

const controls = new Map(); // OSC path -> control
const meters = [];          // per channel: { level, gr }
const strips = document.getElementById('strips');

const live = new Live({
  access,
  onOpen: () => PATTERNS.forEach(p => live.send(p)),
  onMessage: (address, values) => controls.get(address)?.receive(values[0]),
  onMeters: showMeters,
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; },
});

function strip(ch) {
  const n = two(ch + 1);
  const base = `/ch/${n}`;
  const el = document.createElement('section');
  el.className = 'strip';
  el.setAttribute('aria-label', `Channel ${ch + 1}`);
  el.dataset.channel = String(ch + 1);
  const add = (control, path) => { controls.set(path, control); return control.el; };

  const head = document.createElement('div');
  head.className = 'head';
  head.innerHTML = `<a class="number" href="/channel.html?ch=${ch + 1}" aria-label="Channel ${ch + 1} page">${ch + 1}</a>`;
  head.append(add(new NameField(`${base}/config/name`, specOf(`${base}/config/name`), live, { label: `Channel ${ch + 1} name` }), `${base}/config/name`));
  const colour = specOf(`${base}/config/color`);
  head.append(add(new Choice(`${base}/config/color`, colour, live, {
    label: `Channel ${ch + 1} colour`,
    className: 'colour',
    onShow: k => {
      el.dataset.colour = colour.texts[k];
      el.style.setProperty('--strip-colour', PALETTE[k % 8]);
      el.classList.toggle('inverted', k >= 8);
    },
  }), `${base}/config/color`));

  const pan = add(new Slider(`${base}/mix/pan`, specOf(`${base}/mix/pan`), live,
    { label: `Channel ${ch + 1} pan`, orientation: 'horizontal', className: 'pan' }), `${base}/mix/pan`);

  const meter = document.createElement('div');
  meter.className = 'meter';
  meter.setAttribute('aria-hidden', 'true');
  meter.dataset.meter = 'post';
  meter.innerHTML = '<div class="level"></div><div class="gr"></div>';
  meters[ch] = { el: meter, level: meter.firstChild, gr: meter.lastChild, shown: -1 };

  const fader = add(new Slider(`${base}/mix/fader`, specOf(`${base}/mix/fader`), live,
    { label: `Channel ${ch + 1} fader`, className: 'fader' }), `${base}/mix/fader`);
  const body = document.createElement('div');
  body.className = 'body';
  body.append(meter, fader);

  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(
    add(new Switch(`${base}/mix/on`, specOf(`${base}/mix/on`), live, { label: `Channel ${ch + 1} mute`, text: 'MUTE', inverted: true, className: 'mute' }), `${base}/mix/on`),
    add(new Switch(`${base}/solo`, specOf(`${base}/solo`), live, { label: `Channel ${ch + 1} solo`, text: 'SOLO', className: 'solo' }), `${base}/solo`));

  el.append(head, pan, body, buttons);
  return el;
}

for (let ch = 0; ch < consoleInfo.channels; ch++) strips.append(strip(ch));

// Banks show N strips at a time; all strips stay live (their values keep arriving) while hidden.
const bankSize = document.getElementById('bank-size');
const banks = document.getElementById('banks');
let bank = 0;
function showBank() {
  const size = Number(bankSize.value);
  const count = Math.ceil(consoleInfo.channels / size);
  bank = Math.min(bank, count - 1);
  banks.replaceChildren(...Array.from({ length: count }, (_, b) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${b * size + 1}-${Math.min(consoleInfo.channels, (b + 1) * size)}`;
    button.setAttribute('aria-pressed', String(b === bank));
    button.addEventListener('click', () => { bank = b; showBank(); });
    return button;
  }));
  [...strips.children].forEach((s, i) => { s.hidden = Math.floor(i / size) !== bank; });
  strips.style.setProperty('--strips', String(Math.min(size, consoleInfo.channels)));
}
bankSize.addEventListener('change', showBank);
showBank();

// Meter values are linear (1.0 = 0 dBFS) in the OSC meter layout: [pre x C][post x C][gate x C][comp gain x C]...
const heightOf = linear => (linear <= 0 ? 0 : Math.max(0, 1 - (20 * Math.log10(linear)) / METER_FLOOR_DB));
function showMeters(values, frame) {
  const channels = consoleInfo.meterChannels;
  for (let ch = 0; ch < channels; ch++) {
    const m = meters[ch];
    const post = values[channels + ch];
    const gain = values[3 * channels + ch];
    if (post !== m.shown) {
      m.shown = post;
      m.el.dataset.level = post.toFixed(5);
      m.level.style.transform = `scaleY(${heightOf(post).toFixed(4)})`;
    }
    m.gr.style.transform = `scaleY(${(1 - heightOf(gain)).toFixed(4)})`;
  }
  if (frame === 1) document.body.dataset.firstMeterMs = performance.now().toFixed(1);
  document.body.dataset.meterFrames = String(frame);
}

// Fine mode for touch: a page setting, not a console parameter.
const fine = document.getElementById('fine');
fine.addEventListener('click', () => {
  touch.fine = !touch.fine;
  fine.setAttribute('aria-pressed', String(touch.fine));
});
