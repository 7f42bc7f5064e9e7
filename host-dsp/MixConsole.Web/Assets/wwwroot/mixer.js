// The mixer page: channel strips in banks, live through one WebSocket.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { Slider, Switch, NameField, Choice, touch } from './controls.js';
import { stripMeters } from './meters.js';

// Channels, then the bus, effect return, DCA and main layers; every send shares channel 1's send to bus 1's specs.
// Solo is the X32's /-stat/solosw/NN: the console names each strip's switch (consoleInfo.solo).
const PATTERNS = ['/ch/*/mix/fader', '/ch/*/mix/on', '/ch/*/mix/pan', '/ch/*/config/name', '/ch/*/config/color',
  '/bus/*/mix/{fader,on,pan}', '/bus/*/config/{name,color}', '/fxrtn/*/mix/{fader,on,pan}', '/fxrtn/*/config/{name,color}',
  '/dca/*/{fader,on}', '/dca/*/config/name', '/main/st/mix/{fader,on}', '/-stat/solosw/*'];
const SEND_SPECS = '/ch/01/mix/01/{level,on}';
// The X32's eight strip colours (OFF, RD, GN, YE, BL, MG, CY, WH); 8-15 are the same, drawn inverted.
const PALETTE = ['#3a3f47', '#e04848', '#3fbf5f', '#e8c33a', '#4a86e8', '#c64ad8', '#3ac8d8', '#e8e8e8'];

const get = async url => (await fetch(url)).json();
const two = n => String(n).padStart(2, '0');

const consoleInfo = await get('/api/console');
const access = pageAccess(consoleInfo);
const table = await get('/api/params?' + [...PATTERNS, SEND_SPECS].map(p => 'match=' + encodeURIComponent(p)).join('&'));
const specOf = path => table.specs[table.params[path]];
const countOf = pattern => Object.keys(table.params).filter(p => pattern.test(p)).length;

const controls = new Map(); // OSC path -> control
const meters = [];          // per metered strip: { el (the strip), show(values, screen, now, visible) }
const strips = document.getElementById('strips');
const sendParts = new Map(); // bus -> per channel [send level slider, send on switch], made when first chosen

const live = new Live({
  access,
  onOpen: () => {
    PATTERNS.forEach(p => live.send(p));
    for (const bus of sendParts.keys()) live.send(`/ch/*/mix/${two(bus)}/{level,on}`);
  },
  onMessage: (address, values) => controls.get(address)?.receive(values[0]),
  onMeters: showMeters,
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; },
});

const add = (control, path) => { controls.set(path, control); return control.el; };

// One strip of any layer: the paths it has decide its parts (a DCA has no pan or colour, main no name).
function strip({ layer, number, title, href, fader, on, pan, name, colour, solo, meter }) {
  const el = document.createElement('section');
  el.className = 'strip';
  el.setAttribute('aria-label', title);
  el.dataset.layer = layer;
  el.dataset[layer === 'ch' ? 'channel' : layer] = String(number);

  const head = document.createElement('div');
  head.className = 'head';
  const label = href ? document.createElement('a') : document.createElement('span');
  label.className = 'number';
  if (href) { label.href = href; label.setAttribute('aria-label', `${title} page`); }
  label.textContent = layer === 'main' ? 'ST' : String(number);
  head.append(label);
  if (name) head.append(add(new NameField(name, specOf(name), live, { label: `${title} name` }), name));
  if (colour) {
    const spec = specOf(colour);
    head.append(add(new Choice(colour, spec, live, {
      label: `${title} colour`,
      className: 'colour',
      onShow: k => {
        el.dataset.colour = spec.texts[k];
        el.style.setProperty('--strip-colour', PALETTE[k % 8]);
        el.classList.toggle('inverted', k >= 8);
      },
    }), colour));
  }

  el.append(head);
  if (pan) el.append(add(new Slider(pan, specOf(pan), live, { label: `${title} pan`, orientation: 'horizontal', className: 'pan' }), pan));

  const body = document.createElement('div');
  body.className = 'body';
  if (meter) {
    const block = stripMeters(title, meter.sides, meter.kinds);
    meters.push({ el, show: (values, screen, now, visible) => meter.show(block, values, screen, now, visible) });
    body.append(block.el);
  }

  body.append(add(new Slider(fader, specOf(fader), live, { label: `${title} fader`, className: 'fader' }), fader));

  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(add(new Switch(on, specOf(on), live, { label: `${title} mute`, text: 'MUTE', inverted: true, className: 'mute' }), on));
  if (solo) buttons.append(add(new Switch(solo, specOf(solo), live, { label: `${title} solo`, text: 'SOLO', className: 'solo' }), solo));
  el.append(body, buttons);
  return el;
}

// What each layer's strip meters read: the frame's X32-bank values ([pre x C][post x C][gate gain x C][comp gain x C]
// [bus x B][main L, R, mono]...[effect return sides]) and its screen section ([RMS: channel x C, bus x B, main L, R]
// [comp gain: bus x B, main][RMS: effect return sides]); consoleInfo says where the effect returns' values sit.
const C = consoleInfo.meterChannels;
const B = consoleInfo.meterBuses;
const channelMeter = c => ({
  sides: [''], kinds: ['compressor', 'gate'],
  show: ({ levels, reductions }, v, s, now, visible) => {
    levels[0].update(v[C + c], s[c], now, visible);
    reductions.compressor.update(v[3 * C + c], visible);
    reductions.gate.update(v[2 * C + c], visible);
  },
});
const busMeter = b => ({
  sides: [''], kinds: ['compressor'],
  show: ({ levels, reductions }, v, s, now, visible) => {
    levels[0].update(v[4 * C + b], s[C + b], now, visible);
    reductions.compressor.update(s[C + B + 2 + b], visible);
  },
});
// An effect return side's level: its peak among the bank values, its RMS in the screen section (no gain reduction).
const returnMeter = side => ({
  sides: [''], kinds: [],
  show: ({ levels }, v, s, now, visible) => {
    levels[0].update(v[consoleInfo.meterFxReturnFirst + side], s[consoleInfo.meterFxReturnRmsFirst + side], now, visible);
  },
});
const mainMeter = {
  sides: ['left', 'right'], kinds: ['compressor'],
  show: ({ levels, reductions }, v, s, now, visible) => {
    levels[0].update(v[4 * C + B], s[C + B], now, visible);
    levels[1].update(v[4 * C + B + 1], s[C + B + 1], now, visible);
    reductions.compressor.update(s[C + 2 * B + 2], visible);
  },
};

const channelStrips = [];
for (let ch = 1; ch <= consoleInfo.channels; ch++) {
  const base = `/ch/${two(ch)}`;
  const el = strip({
    layer: 'ch', number: ch, title: `Channel ${ch}`, href: `/channel.html?ch=${ch}`, meter: ch <= C ? channelMeter(ch - 1) : undefined,
    fader: `${base}/mix/fader`, on: `${base}/mix/on`, pan: `${base}/mix/pan`, solo: consoleInfo.solo.ch[ch - 1],
    name: `${base}/config/name`, colour: `${base}/config/color`,
  });
  channelStrips.push(el);
  strips.append(el);
}

const buses = countOf(/^\/bus\/\d\d\/mix\/fader$/);
for (let bus = 1; bus <= buses; bus++) {
  const base = `/bus/${two(bus)}`;
  strips.append(strip({
    layer: 'bus', number: bus, title: `Bus ${bus}`, meter: bus <= B ? busMeter(bus - 1) : undefined,
    fader: `${base}/mix/fader`, on: `${base}/mix/on`, pan: `${base}/mix/pan`, solo: consoleInfo.solo.bus[bus - 1],
    name: `${base}/config/name`, colour: `${base}/config/color`,
  }));
}

// Effect returns: each slot's left and right (01-02 are slot 1's), linked in pairs as the console's /config/fxlink says.
const fxReturns = countOf(/^\/fxrtn\/\d\d\/mix\/fader$/);
for (let ret = 1; ret <= fxReturns; ret++) {
  const base = `/fxrtn/${two(ret)}`;
  strips.append(strip({
    layer: 'fxrtn', number: ret, title: `Effect return ${ret}`, meter: ret <= consoleInfo.meterFxReturnSides ? returnMeter(ret - 1) : undefined, fader: `${base}/mix/fader`, on: `${base}/mix/on`, pan: `${base}/mix/pan`,
    solo: consoleInfo.solo.fxrtn[ret - 1], name: `${base}/config/name`, colour: `${base}/config/color`,
  }));
}

// A DCA carries no audio, so it has no meter: a sum of its members' levels would be a number no signal has.
const dcas = countOf(/^\/dca\/\d+\/fader$/);
for (let dca = 1; dca <= dcas; dca++) {
  strips.append(strip({
    layer: 'dca', number: dca, title: `DCA ${dca}`, fader: `/dca/${dca}/fader`, on: `/dca/${dca}/on`, solo: consoleInfo.solo.dca[dca - 1],
    name: `/dca/${dca}/config/name`,
  }));
}

strips.append(strip({ layer: 'main', number: 1, title: 'Main', fader: '/main/st/mix/fader', on: '/main/st/mix/on', meter: mainMeter }));

// Banks show N strips of the chosen layer at a time; all strips stay live (their values keep arriving) while hidden.
const bankSize = document.getElementById('bank-size');
const banks = document.getElementById('banks');
const layers = document.getElementById('layers');
let layer = 'ch';
let bank = 0;
function showBank() {
  const shown = [...strips.children].filter(s => s.dataset.layer === layer);
  const size = Number(bankSize.value);
  const count = Math.max(1, Math.ceil(shown.length / size));
  bank = Math.min(bank, count - 1);
  banks.replaceChildren(...Array.from({ length: count }, (_, b) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${b * size + 1}-${Math.min(shown.length, (b + 1) * size)}`;
    button.setAttribute('aria-pressed', String(b === bank));
    button.addEventListener('click', () => { bank = b; showBank(); });
    return button;
  }));
  [...strips.children].forEach(s => { s.hidden = true; });
  shown.forEach((s, i) => { s.hidden = Math.floor(i / size) !== bank; });
  strips.style.setProperty('--strips', String(Math.max(1, Math.min(size, shown.length))));
  [...layers.children].forEach(b => b.setAttribute('aria-pressed', String(b.dataset.layer === layer)));
  strips.setAttribute('aria-label', layers.querySelector(`[data-layer='${layer}']`).textContent + ' strips');
}
const layerNames = [['ch', 'Channels', consoleInfo.channels], ['bus', 'Buses', buses], ['fxrtn', 'FX returns', fxReturns], ['dca', 'DCAs', dcas], ['main', 'Main', 1]];
layers.replaceChildren(...layerNames.filter(([, , n]) => n > 0).map(([key, text]) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.layer = key;
  button.textContent = text;
  button.addEventListener('click', () => { layer = key; bank = 0; showBank(); });
  return button;
}));
bankSize.addEventListener('change', showBank);
showBank();

// Sends on fader: each channel's fader and mute become its send to the chosen bus (level and on), made once per bus
// and kept live; choosing "Off" puts the channel's own fader and mute back.
const sendsChoice = document.getElementById('sends');
const sendLevelSpec = specOf('/ch/01/mix/01/level');
const sendOnSpec = specOf('/ch/01/mix/01/on');
const ownParts = channelStrips.map(el => [el.querySelector('.fader'), el.querySelector('.mute')]);
for (let bus = 1; bus <= buses; bus++) sendsChoice.add(new Option(`Bus ${bus}`, String(bus)));
function sendsOf(bus) {
  if (!sendParts.has(bus)) {
    sendParts.set(bus, channelStrips.map((_, i) => {
      const base = `/ch/${two(i + 1)}/mix/${two(bus)}`;
      const title = `Channel ${i + 1} send to bus ${bus}`;
      return [
        add(new Slider(`${base}/level`, sendLevelSpec, live, { label: `${title} level`, className: 'fader send' }), `${base}/level`),
        add(new Switch(`${base}/on`, sendOnSpec, live, { label: `${title} on`, text: 'SEND', className: 'send-on' }), `${base}/on`),
      ];
    }));
    live.send(`/ch/*/mix/${two(bus)}/{level,on}`);
  }
  return sendParts.get(bus);
}
function showSends() {
  const sendsBus = Number(sendsChoice.value);
  const parts = sendsBus ? sendsOf(sendsBus) : ownParts;
  channelStrips.forEach((el, i) => {
    el.querySelector('.body > .slider').replaceWith(parts[i][0]);
    el.querySelector('.buttons > .switch').replaceWith(parts[i][1]);
  });
  if (sendsBus) document.body.dataset.sends = String(sendsBus);
  else delete document.body.dataset.sends;
  if (sendsBus && layer !== 'ch') { layer = 'ch'; showBank(); }
}
sendsChoice.addEventListener('change', showSends);

// Levels and gains are linear (1.0 = 0 dBFS, 1.0 = no reduction); hidden strips keep their ballistics, unpainted.
function showMeters(values, frame, screen) {
  const now = performance.now();
  for (const m of meters) m.show(values, screen, now, !m.el.hidden);
  if (frame === 1) document.body.dataset.firstMeterMs = performance.now().toFixed(1);
  document.body.dataset.meterFrames = String(frame);
}

// Fine mode for touch: a page setting, not a console parameter.
const fine = document.getElementById('fine');
fine.addEventListener('click', () => {
  touch.fine = !touch.fine;
  fine.setAttribute('aria-pressed', String(touch.fine));
});
