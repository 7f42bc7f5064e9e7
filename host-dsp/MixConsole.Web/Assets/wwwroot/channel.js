// One channel: preamp, delay and the 4-band EQ, with the response drawn from the engine's own coefficients.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { buildPanel } from './panel.js';

const ch = Math.max(1, Number(new URLSearchParams(location.search).get('ch')) || 1);
const base = `/ch/${String(ch).padStart(2, '0')}`;
const PATTERNS = [`${base}/preamp/*`, `${base}/delay/*`, `${base}/eq/on`, `${base}/eq/*/*`, `${base}/mix/on`];
document.getElementById('title').textContent = `Channel ${ch}`;

const get = async url => (await fetch(url)).json();
const access = pageAccess(await get('/api/console'));
const table = await get('/api/params?' + PATTERNS.map(p => 'match=' + encodeURIComponent(p)).join('&'));
const box = document.getElementById('controls');

let refresh = 0;
const live = new Live({
  access,
  onOpen: () => PATTERNS.forEach(p => live.send(p)),
  onMessage: (address, values) => {
    const control = controls.get(address);
    if (!control) return;
    control.receive(values[0]);
    if (address.includes('/eq/')) scheduleCurve(10);
  },
  onMeters: () => {},
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; if (state === 'live') scheduleCurve(0); },
});

// A local move reaches the store after the page's 16 ms coalescing: redraw a little later.
const sent = live.set.bind(live);
live.set = (address, arg) => { sent(address, arg); if (address.includes('/eq/')) scheduleCurve(60); };

const controls = buildPanel(table, live, box, (path, spec) => {
  const band = path.match(/\/eq\/(\d)\//);
  return `${band ? `EQ band ${band[1]} ` : ''}${spec.description}`;
});

function scheduleCurve(delay) {
  clearTimeout(refresh);
  refresh = setTimeout(drawCurve, delay);
}

// |H(e^jw)| of one section b0 b1 b2 / 1 a1 a2.
function magnitude([b0, b1, b2, a1, a2], w) {
  const c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
  const nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
  const dr = 1 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
  return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
}

async function drawCurve() {
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
