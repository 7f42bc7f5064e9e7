// A panel of controls for every parameter a page asked the table for: switches for toggles, sliders for the rest.
import { Slider, Switch } from './controls.js';

// Returns path -> control; `label(path, spec)` gives each control's screen-reader name.
export function buildPanel(table, live, box, label) {
  const controls = new Map();
  for (const [path, id] of Object.entries(table.params)) {
    const spec = table.specs[id];
    const name = label(path, spec);
    const control = spec.kind === 'bool'
      ? new Switch(path, spec, live, { label: name, text: name, inverted: path.endsWith('/mix/on') })
      : new Slider(path, spec, live, { label: name, orientation: 'horizontal' });
    controls.set(path, control);
    const row = document.createElement('div');
    row.className = 'row';
    if (spec.kind !== 'bool') {
      const caption = document.createElement('span');
      caption.textContent = name;
      row.append(caption);
    }
    row.append(control.el);
    box.append(row);
  }
  return controls;
}
