// Strip meters: a level meter (peak bar, RMS bar inside it, peak-hold mark) and gain-reduction meters, each an ARIA
// meter whose value is what is drawn. Peaks follow a console's digital peak meter (IEC 60268-18): they rise at once
// and fall 20 dB in 1.7 s; the hold mark keeps the highest peak 2 s, then drops to the bar. RMS arrives integrated
// over 300 ms by the host; gain reduction is the deepest of each frame's window (the dynamics' own release is its fall).
export const FLOOR_DB = -60;
export const REDUCTION_FULL_DB = 30;
const FALL_DB_PER_S = 20 / 1.7;
const HOLD_MS = 2000;

const dbOf = linear => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);
const heightOf = db => Math.max(0, Math.min(1, 1 - db / FLOOR_DB));
const fixed = (db, digits) => (Number.isFinite(db) ? db.toFixed(digits) : '-inf');
const clamp = (x, lo, hi) => String(Math.max(lo, Math.min(hi, x)));

function meterElement(label, kind, min, max) {
  const el = document.createElement('div');
  el.className = `meter ${kind}`;
  el.dataset.meter = kind;
  el.setAttribute('role', 'meter');
  el.setAttribute('aria-label', label);
  el.setAttribute('aria-valuemin', String(min));
  el.setAttribute('aria-valuemax', String(max));
  return el;
}

// One signal's level in dBFS, its colours fixed to the scale: covers hang from the top down to the peak (dark) and to
// the RMS (half dark), so the lit bar is the RMS and the dimmer part above it the peak. aria-valuenow is the peak
// shown (clamped to the scale); data-peak-db, data-rms-db and data-hold-db are unclamped (2 decimals, '-inf' for silence).
export class LevelMeter {
  constructor(label) {
    this.el = meterElement(label, 'level', FLOOR_DB, 0);
    this.el.innerHTML = '<div class="peak"></div><div class="rms"></div><div class="hold"></div>';
    [this.peakBar, this.rmsBar, this.holdMark] = this.el.children;
    this.peak = this.rms = this.hold = -Infinity;
    this.holdAt = this.at = 0;
    this.drawn = null;
  }

  update(peakLinear, rmsLinear, now, visible) {
    const dt = this.at ? (now - this.at) / 1000 : 0;
    this.at = now;
    const peak = dbOf(peakLinear);
    const falling = this.peak - FALL_DB_PER_S * dt;
    this.peak = falling > Math.max(peak, FLOOR_DB) ? falling : peak;
    if (this.peak >= this.hold || now - this.holdAt > HOLD_MS) {
      this.hold = this.peak;
      this.holdAt = now;
    }
    this.rms = dbOf(rmsLinear);
    if (visible) this.draw();
  }

  draw() {
    const peak = fixed(this.peak, 2), rms = fixed(this.rms, 2), hold = fixed(this.hold, 2);
    const key = `${peak} ${rms} ${hold}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const el = this.el;
    el.dataset.peakDb = peak;
    el.dataset.rmsDb = rms;
    el.dataset.holdDb = hold;
    el.setAttribute('aria-valuenow', clamp(this.peak, FLOOR_DB, 0));
    el.setAttribute('aria-valuetext', `peak ${fixed(this.peak, 1)} dBFS, RMS ${fixed(this.rms, 1)} dBFS`);
    this.peakBar.style.transform = `scaleY(${(1 - heightOf(this.peak)).toFixed(4)})`;
    this.rmsBar.style.transform = `scaleY(${(1 - heightOf(this.rms)).toFixed(4)})`;
    this.holdMark.style.transform = `translateY(${(100 * (1 - heightOf(this.hold))).toFixed(2)}%)`;
  }
}

// A compressor's or gate's gain reduction in dB (0 = none), drawn down from the top; data-reduction-db as shown.
export class ReductionMeter {
  constructor(label, kind) {
    this.el = meterElement(label, kind, 0, REDUCTION_FULL_DB);
    this.el.classList.add('reduction');
    this.el.innerHTML = '<div class="bar"></div>';
    this.bar = this.el.firstChild;
    this.reduction = 0;
    this.drawn = null;
  }

  update(gainLinear, visible) {
    this.reduction = gainLinear >= 1 ? 0 : gainLinear > 0 ? -dbOf(gainLinear) : Infinity;
    if (visible) this.draw();
  }

  draw() {
    const shown = fixed(this.reduction, 1);
    if (shown === this.drawn) return;
    this.drawn = shown;
    this.el.dataset.reductionDb = Number.isFinite(this.reduction) ? shown : 'inf';
    this.el.setAttribute('aria-valuenow', clamp(this.reduction, 0, REDUCTION_FULL_DB));
    this.el.setAttribute('aria-valuetext', Number.isFinite(this.reduction) ? `${shown} dB` : 'closed');
    this.bar.style.transform = `scaleY(${Math.min(1, this.reduction / REDUCTION_FULL_DB).toFixed(4)})`;
  }
}

// A strip's meter block: one level meter per side, then its gain reductions (kinds: 'compressor', 'gate').
export function stripMeters(title, sides, kinds) {
  const el = document.createElement('div');
  el.className = 'meters';
  const levels = sides.map(side => new LevelMeter(`${title}${side ? ' ' + side : ''} level`));
  const reductions = Object.fromEntries(kinds.map(kind => [kind, new ReductionMeter(`${title} ${kind} gain reduction`, kind)]));
  el.append(...levels.map(m => m.el), ...Object.values(reductions).map(m => m.el));
  return { el, levels, reductions };
}
