// One channel: preamp, delay, the 4-band EQ with the response drawn from the engine's own coefficients and a handle
// per band, the gate and compressor with their transfer curves and live gain reduction, then the mix: fader, pan,
// the sends to the 16 buses and to the effect slots.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { buildPanel } from './panel.js';
import { EqHandles } from './eq-handles.js';
import { DynamicsView } from './dynamics.js';

const ch = Math.max(1, Number(new URLSearchParams(location.search).get('ch')) || 1);
const base = `/ch/${String(ch).padStart(2, '0')}`;
const PATTERNS = [`${base}/preamp/*`, `${base}/delay/*`, `${base}/eq/on`, `${base}/eq/*/*`, `${base}/gate/*`, `${base}/dyn/*`,
  `${base}/mix/*`, `${base}/mix/*/*`, `${base}/mix/fx/*/*`];
document.getElementById('title').textContent = `Channel ${ch}`;

const get = async url => (await fetch(url)).json();
const consoleInfo = await get('/api/console');
const access = pageAccess(consoleInfo);
const table = await get('/api/params?reals&' + PATTERNS.map(p => 'match=' + encodeURIComponent(p)).join('&'));
const box = document.getElementById('controls');
const dynamics = new DynamicsView(document.getElementById('dynamics'), consoleInfo.meterChannels, ch);
const isEq = address => address.includes('/eq/');
const isDynamics = address => address.includes('/gate/') || address.includes('/dyn/');

const live = new Live({
  access,
  onOpen: () => PATTERNS.forEach(p => live.send(p)),
  onMessage: (address, values) => {
    const control = controls.get(address);
    if (!control) return;
    control.receive(values[0]);
    if (isEq(address)) { handles.follow(address); eqCurve.schedule(10); }
    if (isDynamics(address)) dynamicsCurve.schedule(10);
  },
  onMeters: values => dynamics.meters(values, makeupDb()),
  onState: state => {
    document.getElementById('state').textContent = state;
    document.body.dataset.state = state;
    if (state === 'live') { eqCurve.schedule(0); dynamicsCurve.schedule(0); }
  },
});

// A local move reaches the store after the page's 16 ms coalescing: redraw a little later.
const sent = live.set.bind(live);
live.set = (address, arg) => {
  sent(address, arg);
  if (isEq(address)) eqCurve.schedule(60);
  if (isDynamics(address)) dynamicsCurve.schedule(60);
};

// Settings kept only for X32 apps (no effect here) stay off this page: they would crowd the ones that act.
table.params = Object.fromEntries(Object.entries(table.params).filter(([, id]) => !table.specs[id].kept));
const controls = buildPanel(table, live, box, (path, spec) => {
  const band = path.match(/\/eq\/(\d)\//), bus = path.match(/\/mix\/(\d\d)\//), fx = path.match(/\/mix\/fx\/(\d)\//);
  const where = band ? `EQ band ${band[1]} ` : bus ? `Bus ${bus[1]} ` : fx ? `FX ${fx[1]} ` : '';
  return `${where}${spec.description}`;
});
const handles = new EqHandles(document.getElementById('eq-curve'), controls, base);

function makeupDb() {
  const makeup = controls.get(`${base}/dyn/mgain`);
  return makeup ? makeup.spec.reals[makeup.k] : 0;
}

// A drawing fetched from the host, at most one pending: moves in a burst redraw once.
function redraw(draw) {
  let timer = 0;
  return { schedule: delay => { clearTimeout(timer); timer = setTimeout(draw, delay); } };
}

const eqCurve = redraw(drawEq);
const dynamicsCurve = redraw(async () => dynamics.draw(await get(`/api/dynamics?ch=${ch}`)));

// |H(e^jw)| of one section b0 b1 b2 / 1 a1 a2.
function magnitude([b0, b1, b2, a1, a2], w) {
  const c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
  const nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
  const dr = 1 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}

async function drawEq() {
  const eq = await get(`/api/eq?ch=${ch}`);
  const svg = document.getElementById('eq-curve');
  const [minHz, maxHz, minDb, maxDb] = ['minHz', 'maxHz', 'minDb', 'maxDb'].map(k => Number(svg.dataset[k]));
  const points = [];
  for (let i = 0; i <= 240; i++) {
    const x = (i / 240) * 1000;
    const hz = minHz * Math.pow(maxHz / minHz, i / 240);
    const w = (2 * Math.PI * hz) / eq.sampleRateHz;
    const db = 20 * Math.log10(eq.sections.reduce((gain, s) => gain * magnitude(s, w), 1));
    const y = ((maxDb - Math.max(minDb, Math.min(maxDb, db))) / (maxDb - minDb)) * 300;
    points.push(`${x.toFixed(3)},${y.toFixed(3)}`);
  }
  document.getElementById('eq-path').setAttribute('d', 'M' + points.join(' L'));
  svg.dataset.drawn = String((Number(svg.dataset.drawn) || 0) + 1);
}
