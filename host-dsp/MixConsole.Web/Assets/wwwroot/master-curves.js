// The master chain's band splits drawn from the engine's own coefficients (/api/master): each multiband band's
// response with its live gain reduction, and the imager's side level across frequency.
const POINTS = 240;
const SVG = 'http://www.w3.org/2000/svg';

// H(e^jw) of one section b0 b1 b2 / 1 a1 a2, as [re, im].
function response([b0, b1, b2, a1, a2], w) {
  const c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
  const nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
  const dr = 1 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
  const d = dr * dr + di * di;
  return [(nr * dr + ni * di) / d, (ni * dr - nr * di) / d];
}

// A band is the product of its sections.
function bandResponse(sections, w) {
  return sections.reduce(([re, im], s) => {
    const [r, i] = response(s, w);
    return [re * r - im * i, re * i + im * r];
  }, [1, 0]);
}

const scale = svg => Object.fromEntries(Object.entries(svg.dataset).map(([k, v]) => [k, Number(v)]));
const hzAt = ({ minHz, maxHz }, i) => minHz * Math.pow(maxHz / minHz, i / POINTS);
const xOf = ({ minHz, maxHz }, hz) => (1000 * Math.log(hz / minHz)) / Math.log(maxHz / minHz);
const yOf = (min, max, v) => ((max - Math.max(min, Math.min(max, v))) / (max - min)) * 300;
const path = (svg, yAt) => 'M' + Array.from({ length: POINTS + 1 }, (_, i) => `${((i / POINTS) * 1000).toFixed(3)},${yAt(hzAt(svg, i)).toFixed(3)}`).join(' L');

let edges = []; // each band's [low, high] edge in Hz, for its reduction bar

export async function drawMasterCurves() {
  const master = await (await fetch('/api/master')).json();
  const w = hz => (2 * Math.PI * hz) / master.sampleRateHz;

  const bandSvg = document.getElementById('band-curve');
  const bands = scale(bandSvg);
  master.multiband.bands.forEach((sections, b) => {
    const el = document.getElementById(`band-${b + 1}`);
    el.setAttribute('d', path(bands, hz => {
      const [re, im] = bandResponse(sections, w(hz));
      return yOf(bands.minDb, bands.maxDb, 10 * Math.log10(re * re + im * im));
    }));
  });
  const xovers = master.multiband.crossoversHz;
  edges = master.multiband.bands.map((_, b) => [b === 0 ? bands.minHz : xovers[b - 1], b === xovers.length ? bands.maxHz : xovers[b]]);
  const hzText = hz => (hz >= 1000 ? `${(hz / 1000).toFixed(hz >= 10000 ? 0 : 1)} kHz` : `${Math.round(hz)} Hz`);
  document.getElementById('band-caption').textContent = `Crossovers ${xovers.map(hzText).join(', ')} (slot ${master.slot.toUpperCase()}); 20 Hz to 20 kHz, +6 to -30 dB, reduction on the same scale`;
  bandSvg.dataset.drawn = String((Number(bandSvg.dataset.drawn) || 0) + 1);

  // The side leaving the imager is the sum of its bands, each scaled by the width it plays (the mid passes as is).
  const widthSvg = document.getElementById('width-curve');
  const widths = scale(widthSvg);
  document.getElementById('width-path').setAttribute('d', path(widths, hz => {
    let re = 0, im = 0;
    master.imager.bands.forEach((sections, b) => {
      const [r, i] = bandResponse(sections, w(hz));
      re += (master.imager.widthPercent[b] / 100) * r;
      im += (master.imager.widthPercent[b] / 100) * i;
    });
    return yOf(widths.minPercent, widths.maxPercent, 100 * Math.hypot(re, im));
  }));
  document.getElementById('width-caption').textContent = `Bands ${master.imager.widthPercent.map(w => `${Math.round(w)} %`).join(' | ')} split at ${master.imager.crossoversHz.map(hzText).join(', ')}; 0 to 200 % (line at 100 %, as is)`;
  widthSvg.dataset.drawn = String((Number(widthSvg.dataset.drawn) || 0) + 1);
}

// Each band's reduction (dB, positive) as a bar hanging from 0 dB over the band's frequencies, on the curve's scale.
export function showBandReduction(reductionsDb) {
  const svg = document.getElementById('band-curve');
  const s = scale(svg);
  const group = document.getElementById('band-gr');
  edges.forEach(([low, high], b) => {
    let bar = group.children[b];
    if (!bar) {
      bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('class', 'reduction');
      bar.dataset.band = String(b + 1);
      group.append(bar);
    }
    const db = Number.isFinite(reductionsDb[b]) ? Math.max(0, reductionsDb[b]) : 0;
    const top = yOf(s.minDb, s.maxDb, 0);
    bar.setAttribute('x', xOf(s, low).toFixed(1));
    bar.setAttribute('width', Math.max(0, xOf(s, high) - xOf(s, low)).toFixed(1));
    bar.setAttribute('y', top.toFixed(1));
    bar.setAttribute('height', (yOf(s.minDb, s.maxDb, -db) - top).toFixed(2));
    bar.dataset.reductionDb = db.toFixed(2);
  });
}
