// The master chain and the main bus: every /master parameter in the table as a control (a parameter added to the
// table appears here with no page edit), main meters and the mastering box's loudness live.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { buildPanel } from './panel.js';
import { drawMasterCurves, showBandReduction } from './master-curves.js';

const PATTERNS = ['/master/*', '/master/*/*', '/master/*/*/*', '/master/*/*/*/*', '/main/st/mix/fader', '/main/st/mix/on'];
const LOUDNESS = '/master/loudness';
const LOUDNESS_MS = 100; // the host's readings move every 10 ms; ten a second is what a reader follows
const get = async url => (await fetch(url)).json();
const consoleInfo = await get('/api/console');
const access = pageAccess(consoleInfo);
const table = await get('/api/params?' + PATTERNS.map(p => 'match=' + encodeURIComponent(p)).join('&'));
const bars = [...document.querySelectorAll('.main-meters .meter')];
// Main left and right follow the channels, channel taps and buses in the OSC meter layout.
const mainLeft = 4 * consoleInfo.meterChannels + consoleInfo.meterBuses;

const live = new Live({
  access,
  onOpen: () => PATTERNS.forEach(p => live.send(p)),
  onMessage: (address, values) => {
    if (address === LOUDNESS) return showLoudness(values);
    controls.get(address)?.receive(values[0]);
    if (SHAPES_CURVES.test(address)) scheduleCurves(10);
  },
  onMeters: (values, frames) => {
    document.body.dataset.meterFrames = String(frames);
    bars.forEach((bar, i) => {
      const linear = values[mainLeft + i];
      bar.dataset.level = linear.toFixed(5);
      bar.firstChild.style.transform = `scaleY(${(linear <= 0 ? 0 : Math.max(0, 1 + (20 * Math.log10(linear)) / 60)).toFixed(4)})`;
    });
    showChain(values);
  },
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; if (state === 'live') scheduleCurves(0); },
});

// The band and width curves follow the crossovers, widths and the A/B switch; a local move reaches the store after
// the page's 16 ms coalescing, so it redraws a little later.
const SHAPES_CURVES = /^\/master\/(b\/)?(comp\/xover|imager|width|ab$)/;
let curveTimer = 0;
const scheduleCurves = delay => { clearTimeout(curveTimer); curveTimer = setTimeout(drawMasterCurves, delay); };
const sent = live.set.bind(live);
live.set = (address, arg) => { sent(address, arg); if (SHAPES_CURVES.test(address)) scheduleCurves(60); };
const controls = buildPanel(table, live, document.getElementById('controls'), (_, spec) => spec.description);

// Loudness: only a console in mastering mode answers /master/loudness; the section shows once one answer came.
const section = document.getElementById('loudness');
const reading = name => section.querySelector(`[data-reading="${name}"]`);
const fixed = (value, unit) => (Number.isFinite(value) ? `${value.toFixed(1)} ${unit}` : `-inf ${unit}`);
const target = () => {
  const control = controls.get('/master/loudness/target');
  return control ? parseFloat(control.spec.texts[control.k]) : NaN;
};
function showLoudness([momentary, shortTerm, integrated, range, truePeak, limiter]) {
  section.hidden = false;
  const show = (name, value, text) => { const el = reading(name); el.dataset.value = String(value); el.textContent = text; };
  show('momentary', momentary, fixed(momentary, 'LUFS'));
  show('short-term', shortTerm, fixed(shortTerm, 'LUFS'));
  show('integrated', integrated, fixed(integrated, 'LUFS'));
  const delta = integrated - target();
  show('against-target', delta, Number.isFinite(delta) ? `${delta >= 0 ? '+' : ''}${delta.toFixed(1)} LU (target ${target().toFixed(1)} LUFS)` : '-');
  show('range', range, fixed(range, 'LU'));
  show('true-peak', truePeak, fixed(truePeak, 'dBTP'));
  show('limiter', limiter, fixed(limiter, 'dB'));
}
// The mastering box's meter section follows main left, right and mono in the frame (the host's /meters/20): input
// and output peaks, limiter and band gains (1.0 = no reduction), correlation. A console's frame has none (its matrix,
// aux input and effect return levels follow there instead).
const CHAIN = ['input-left', 'input-right', 'output-left', 'output-right', 'limiter-gr', 'band-1', 'band-2', 'band-3', 'band-4', 'correlation'];
const chainSection = document.getElementById('chain-meters');
const decibels = linear => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);
function showChain(values) {
  const at = mainLeft + 3;
  if (!consoleInfo.meterChain || values.length < at + CHAIN.length) return;
  chainSection.hidden = false;
  CHAIN.forEach((name, i) => {
    const v = values[at + i];
    const el = chainSection.querySelector(`[data-reading="${name}"]`);
    if (name === 'correlation') {
      el.dataset.value = String(v);
      el.textContent = `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;
    } else if (i < 4) {
      const db = decibels(v);
      el.dataset.value = String(db);
      el.textContent = Number.isFinite(db) ? `${db.toFixed(1)} dBFS` : '-inf dBFS';
    } else {
      const reduction = v > 0 ? -decibels(v) : Infinity;
      el.dataset.value = String(reduction);
      el.textContent = i === 4 ? `${reduction.toFixed(1)} dB` : reduction.toFixed(1);
    }
  });
  showBandReduction([5, 6, 7].map(i => { const v = values[at + i]; return v > 0 ? -decibels(v) : 0; }));
}

setInterval(() => { if (document.body.dataset.state === 'live') live.send(LOUDNESS); }, LOUDNESS_MS);
document.getElementById('loudness-reset').hidden = live.readOnly;
document.getElementById('loudness-reset').addEventListener('click', () => live.send('/master/loudness/reset'));
