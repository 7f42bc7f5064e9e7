// The access contract: every continuous control is an ARIA slider in OSC wire units (0..1) with the table's
// own display text; every toggle is an ARIA switch. Both carry data-path, the OSC path they drive.

// A parameter's wire value for grid index k of a spec, and back.
export const wireOf = (spec, k) => (spec.wire === 'f' ? k / (spec.steps - 1) : k);
export const indexOf = (spec, value) =>
  Math.max(0, Math.min(spec.steps - 1, spec.wire === 'f' ? Math.round(value * (spec.steps - 1)) : value | 0));

// Fine mode (a page's "Fine" switch): every drag moves a tenth as far, for a phone's short faders.
export const touch = { fine: false };
const DOUBLE_TAP_MS = 350;
const TAP_SLOP_PX = 10;

export class Slider {
  // orientation: 'vertical' (faders) or 'horizontal' (pan, knobs)
  constructor(path, spec, live, { label, orientation = 'vertical', className = '' }) {
    this.path = path;
    this.spec = spec;
    this.live = live;
    this.vertical = orientation === 'vertical';
    const el = document.createElement('div');
    el.className = `slider ${orientation} ${className}`;
    el.tabIndex = 0;
    el.setAttribute('role', 'slider');
    el.setAttribute('aria-label', label);
    el.setAttribute('aria-orientation', orientation);
    el.setAttribute('aria-valuemin', '0');
    el.setAttribute('aria-valuemax', '1');
    el.dataset.path = path;
    if (live.readOnly) el.setAttribute('aria-disabled', 'true');
    el.innerHTML = '<div class="track"></div><div class="thumb"></div>';
    this.el = el;
    this.show(spec.defaultIndex);
    el.addEventListener('keydown', e => this.key(e));
    el.addEventListener('pointerdown', e => this.down(e));
    // Touch has its own double tap (in down): the browser's dblclick from taps would fire on any two quick taps.
    el.addEventListener('dblclick', e => { if (!e.sourceCapabilities?.firesTouchEvents) this.move(this.spec.defaultIndex); });
  }

  show(k) {
    this.k = k;
    const wire = wireOf(this.spec, k);
    const position = k / (this.spec.steps - 1);
    this.el.setAttribute('aria-valuenow', String(Math.round(wire * 1e6) / 1e6));
    this.el.setAttribute('aria-valuetext', this.spec.texts[k]);
    this.el.style.setProperty('--pos', position.toFixed(4));
  }

  // A move made here: shown at once, sent coalesced.
  move(k) {
    if (this.live.readOnly) return;
    k = Math.max(0, Math.min(this.spec.steps - 1, k));
    if (k === this.k) return;
    this.show(k);
    this.live.set(this.path, [this.spec.wire, wireOf(this.spec, k)]);
  }

  // A value from the console (an echo of someone else's move, or a query's answer).
  receive(value) {
    if (!this.dragging) this.show(indexOf(this.spec, value));
  }

  key(e) {
    const last = this.spec.steps - 1;
    const coarse = Math.max(1, Math.round(last / 20));
    const steps = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: coarse, PageDown: -coarse };
    if (e.key in steps) this.move(this.k + steps[e.key]);
    else if (e.key === 'Home') this.move(0);
    else if (e.key === 'End') this.move(last);
    else return;
    e.preventDefault();
  }

  // Drags are relative (touching a fader never jumps it); Shift or fine mode gives a tenth of the travel. A double
  // tap (two short touches in place) returns to the default, as a double click does.
  down(e) {
    this.el.focus();
    this.el.setPointerCapture(e.pointerId);
    this.dragging = true;
    const rect = this.el.getBoundingClientRect();
    const length = this.vertical ? rect.height : rect.width;
    const start = this.vertical ? e.clientY : e.clientX;
    const from = this.k;
    let travelled = 0;
    const moveTo = ev => {
      const delta = this.vertical ? start - ev.clientY : ev.clientX - start;
      travelled = Math.max(travelled, Math.abs(delta));
      const fine = ev.shiftKey || touch.fine ? 0.1 : 1;
      this.move(from + Math.round((delta / length) * (this.spec.steps - 1) * fine));
    };
    const up = ev => {
      if (e.pointerType === 'touch' && ev.type === 'pointerup' && travelled < TAP_SLOP_PX) {
        const now = performance.now();
        if (now - (this.lastTap ?? -Infinity) < DOUBLE_TAP_MS) {
          this.lastTap = undefined;
          this.move(this.spec.defaultIndex);
        } else {
          this.lastTap = now;
        }
      }
      this.dragging = false;
    };
    followPointer(this.el, moveTo, up);
  }
}

// Calls move(event) for each pointer move on `el` until the pointer is lifted or cancelled, then end(event).
export function followPointer(el, move, end) {
  const up = ev => {
    end(ev);
    el.removeEventListener('pointermove', move);
    el.removeEventListener('pointerup', up);
    el.removeEventListener('pointercancel', up);
  };
  el.addEventListener('pointermove', move);
  el.addEventListener('pointerup', up);
  el.addEventListener('pointercancel', up);
}

export class Switch {
  // inverted: checked when the wire value is 0 (a mute switch drives /mix/on, where 1 = unmuted)
  constructor(path, spec, live, { label, text, inverted = false, className = '' }) {
    this.path = path;
    this.spec = spec;
    this.live = live;
    this.inverted = inverted;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = `switch ${className}`;
    el.setAttribute('role', 'switch');
    el.setAttribute('aria-label', label);
    el.dataset.path = path;
    if (live.readOnly) el.setAttribute('aria-disabled', 'true');
    el.textContent = text;
    el.addEventListener('click', () => this.toggle());
    this.el = el;
    this.show(spec.defaultIndex);
  }

  show(value) {
    this.value = value;
    this.el.setAttribute('aria-checked', String((value !== 0) !== this.inverted));
  }

  toggle() {
    if (this.live.readOnly) return;
    this.show(this.value ? 0 : 1);
    this.live.set(this.path, ['i', this.value]);
  }

  receive(value) {
    this.show(value ? 1 : 0);
  }
}

export class NameField {
  constructor(path, spec, live, { label }) {
    const el = document.createElement('input');
    el.className = 'name';
    el.maxLength = spec.maxLength;
    el.setAttribute('aria-label', label);
    el.dataset.path = path;
    el.readOnly = live.readOnly;
    el.addEventListener('change', () => live.set(path, ['s', el.value.replace(/[^ -~]/g, '')]));
    this.el = el;
  }

  receive(value) {
    if (document.activeElement !== this.el) this.el.value = value;
  }
}

// An enum the table lists by name (a strip's colour): a native select, so keys and screen readers come with it.
export class Choice {
  constructor(path, spec, live, { label, className = '', onShow = () => {} }) {
    const el = document.createElement('select');
    el.className = className;
    el.setAttribute('aria-label', label);
    el.dataset.path = path;
    el.disabled = live.readOnly;
    spec.texts.forEach((text, k) => el.add(new Option(text, String(k))));
    el.addEventListener('change', () => {
      onShow(Number(el.value));
      live.set(path, ['i', Number(el.value)]);
    });
    this.el = el;
    this.onShow = onShow;
    this.receive(spec.defaultIndex);
  }

  receive(value) {
    this.el.value = String(value | 0);
    this.onShow(value | 0);
  }
}
