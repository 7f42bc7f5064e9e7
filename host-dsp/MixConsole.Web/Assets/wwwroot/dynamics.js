// The gate's and compressor's transfer curves (input level against output level, as the engine computes them: the
// host sends the points) and their live gain reduction from the meter frames.

const decibels = linear => (linear > 0 ? 20 * Math.log10(linear) : -Infinity);

export class DynamicsView {
  // box: where the two drawings go; meterChannels: channels in the meter frame; ch: this page's channel (from 1)
  constructor(box, meterChannels, ch) {
    const part = (name, title, gainAt) => {
      const section = document.createElement('section');
      section.className = 'dyn-box';
      section.setAttribute('aria-label', title);
      section.innerHTML = `<h2>${title} <span id="${name}-gr" class="gr-reading" data-reduction="0">GR 0.0 dB</span></h2>
        <svg id="${name}-curve" class="transfer" role="img" aria-label="${title} transfer curve, input level against output level"
             viewBox="0 0 300 300" data-min-db="-60" data-max-db="0">
          <path class="grid" d="M0,300 L300,0"></path><path id="${name}-path" class="curve" d=""></path>
          <circle id="${name}-point" class="point" r="7" cx="-20" cy="-20" visibility="hidden"></circle>
        </svg>`;
      box.append(section);
      const find = suffix => section.querySelector(`#${name}-${suffix}`);
      return { svg: find('curve'), path: find('path'), point: find('point'), reading: find('gr'), gainAt, curve: null };
    };
    this.preFader = ch - 1;
    this.gate = part('gate', 'Gate', 2 * meterChannels + ch - 1);
    this.comp = part('comp', 'Compressor', 3 * meterChannels + ch - 1);
  }

  // Curves from /api/dynamics: inputDb with gateDb and compressorDb, the output at each input level.
  draw({ inputDb, gateDb, compressorDb }) {
    this.plot(this.gate, inputDb, gateDb);
    this.plot(this.comp, inputDb, compressorDb);
  }

  plot(part, inputDb, outputDb) {
    const at = this.axis(part);
    const points = inputDb.map((input, i) => `${(300 - at(input)).toFixed(3)},${at(outputDb[i]).toFixed(3)}`);
    part.path.setAttribute('d', 'M' + points.join(' L'));
    part.curve = { inputDb, outputDb };
    part.svg.dataset.drawn = String((Number(part.svg.dataset.drawn) || 0) + 1);
  }

  // dB to the drawing's 0..300, top down (inputs run 300 - at(db) across), clamped to the drawing.
  axis(part) {
    const minDb = Number(part.svg.dataset.minDb), maxDb = Number(part.svg.dataset.maxDb);
    return db => ((maxDb - Math.max(minDb, Math.min(maxDb, db))) / (maxDb - minDb)) * 300;
  }

  // A meter frame: each section's reduction as the engine measured it, and its operating point: x the level entering
  // it, y the level leaving it, from the pre-fader peak (after both sections) with the later gains undone.
  meters(values, makeupDb) {
    const level = decibels(values[this.preFader]);
    const gateDb = Math.max(0, -decibels(values[this.gate.gainAt])), compDb = Math.max(0, -decibels(values[this.comp.gainAt]));
    const compIn = level + compDb - makeupDb;
    this.show(this.comp, compDb, compIn, level);
    this.show(this.gate, gateDb, compIn + gateDb, compIn);
  }

  show(part, reductionDb, inputDb, outputDb) {
    const reduction = Number.isFinite(reductionDb) ? reductionDb : 0;
    part.reading.dataset.reduction = reduction.toFixed(2);
    part.reading.textContent = `GR ${reduction.toFixed(1)} dB`;
    if (!part.curve || !(inputDb > Number(part.svg.dataset.minDb))) {
      part.point.setAttribute('visibility', 'hidden');
      return;
    }

    const at = this.axis(part);
    part.point.setAttribute('visibility', 'visible');
    part.point.setAttribute('cx', (300 - at(inputDb)).toFixed(2));
    part.point.setAttribute('cy', at(outputDb).toFixed(2));
  }
}
