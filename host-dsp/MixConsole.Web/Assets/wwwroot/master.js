// The master chain and the main bus: every /master parameter as a control, main meters live.
import { Live } from './live.js';
import { pageAccess } from './access.js';
import { buildPanel } from './panel.js';

const PATTERNS = ['/master/*', '/master/*/*', '/master/*/*/*', '/main/st/mix/fader', '/main/st/mix/on'];
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
  onMessage: (address, values) => controls.get(address)?.receive(values[0]),
  onMeters: values => bars.forEach((bar, i) => {
    const linear = values[mainLeft + i];
    bar.dataset.level = linear.toFixed(5);
    bar.firstChild.style.transform = `scaleY(${(linear <= 0 ? 0 : Math.max(0, 1 + (20 * Math.log10(linear)) / 60)).toFixed(4)})`;
  }),
  onState: state => { document.getElementById('state').textContent = state; document.body.dataset.state = state; },
});
const controls = buildPanel(table, live, document.getElementById('controls'), (_, spec) => spec.description);
