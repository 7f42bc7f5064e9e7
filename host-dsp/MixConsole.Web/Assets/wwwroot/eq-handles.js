// Draggable handles on the EQ curve, one per band: x is the band's frequency, y its gain, the wheel its Q. They move
// the band's own sliders, which stay the accessible controls (the handles are aria-hidden: one handle is two sliders
// at once, ARIA has no two-axis slider, and the sliders already give each axis its keys and screen-reader name).

import { followPointer } from './controls.js';

// Grid index of the reals entry nearest to `value` on an axis (`toAxis` maps a real to the axis, e.g. log for Hz).
function nearest(reals, value, toAxis) {
  let best = 0;
  for (let k = 1; k < reals.length; k++) {
    if (Math.abs(toAxis(reals[k]) - toAxis(value)) < Math.abs(toAxis(reals[best]) - toAxis(value))) best = k;
  }
  return best;
}

export class EqHandles {
  // controls: path -> Slider (its spec carries "reals"); base: "/ch/01"
  constructor(svg, controls, base, bands = 4) {
    this.svg = svg;
    this.controls = controls;
    const [minHz, maxHz, minDb, maxDb] = ['minHz', 'maxHz', 'minDb', 'maxDb'].map(k => Number(svg.dataset[k]));
    this.x = hz => Math.log(hz / minHz) / Math.log(maxHz / minHz);  // 0..1 across
    this.hzAt = x => minHz * Math.pow(maxHz / minHz, x);
    this.y = db => (maxDb - db) / (maxDb - minDb);                      // 0..1 down
    this.dbAt = y => maxDb - y * (maxDb - minDb);
    this.handles = [];
    for (let band = 1; band <= bands; band++) {
      const paths = { f: `${base}/eq/${band}/f`, g: `${base}/eq/${band}/g`, q: `${base}/eq/${band}/q` };
      if (!controls.has(paths.f) || !controls.has(paths.g)) continue;
      const el = document.createElement('div');
      el.className = 'eq-handle';
      el.textContent = String(band);
      el.dataset.band = String(band);
      el.setAttribute('aria-hidden', 'true');
      svg.parentElement.append(el);
      const handle = { band, el, paths };
      this.handles.push(handle);
      el.addEventListener('pointerdown', e => this.down(handle, e));
      el.addEventListener('wheel', e => this.wheel(handle, e), { passive: false });
      this.place(handle);
    }
  }

  // Where a band's values put its handle (after a move from anywhere).
  place(handle) {
    const f = this.controls.get(handle.paths.f), g = this.controls.get(handle.paths.g);
    const x = this.x(f.spec.reals[f.k]), y = this.y(g.spec.reals[g.k]);
    handle.el.style.left = `${(x * 100).toFixed(3)}%`;
    handle.el.style.top = `${(y * 100).toFixed(3)}%`;
    handle.el.dataset.x = x.toFixed(5);
    handle.el.dataset.y = y.toFixed(5);
  }

  // A value arrived for `path`: the handle it belongs to follows.
  follow(path) {
    const handle = this.handles.find(h => path === h.paths.f || path === h.paths.g);
    if (handle && !handle.dragging) this.place(handle);
  }

  // Drags are relative, as the sliders' are: grabbing a handle off-centre never jumps it.
  down(handle, e) {
    if (this.controls.get(handle.paths.f).live.readOnly) return;
    e.preventDefault();
    handle.el.setPointerCapture(e.pointerId);
    handle.dragging = true;
    const f = this.controls.get(handle.paths.f), g = this.controls.get(handle.paths.g);
    const startX = this.x(f.spec.reals[f.k]), startY = this.y(g.spec.reals[g.k]);
    const clamp = v => Math.max(0, Math.min(1, v));
    const moveTo = ev => {
      const rect = this.svg.getBoundingClientRect();
      const hz = this.hzAt(clamp(startX + (ev.clientX - e.clientX) / rect.width));
      const db = this.dbAt(clamp(startY + (ev.clientY - e.clientY) / rect.height));
      f.move(nearest(f.spec.reals, hz, Math.log));
      g.move(nearest(g.spec.reals, db, v => v));
      this.place(handle);
    };
    followPointer(handle.el, moveTo, () => { handle.dragging = false; });
  }

  // The wheel narrows (up) or widens (down) the band one Q step; Q's grid runs from narrow to wide.
  wheel(handle, e) {
    const q = this.controls.get(handle.paths.q);
    if (!q || e.deltaY === 0) return;
    e.preventDefault();
    q.move(q.k + (e.deltaY < 0 ? -1 : 1));
  }
}
