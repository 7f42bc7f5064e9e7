// One WebSocket to the console: OSC both ways, coalesced moves, meter frames ('MTR1' + LE floats).
import { encodeMessage, decodePacket } from './osc.js';

const METER_MAGIC = 0x4d; // 'M'; OSC packets start with '/' or '#'
const RENEW_MS = 8000;    // /xremote lasts 10 s

export class Live {
  constructor({ onMessage, onMeters, onOpen, onState, access = { readOnly: false, socketQuery: '' } }) {
    this.readOnly = access.readOnly;
    this.socketQuery = access.socketQuery;
    this.onMessage = onMessage;
    this.onMeters = onMeters;
    this.onOpen = onOpen;
    this.onState = onState || (() => {});
    this.pending = new Map();
    this.flushTimer = 0;
    this.meterFrames = 0;
    this.connect();
  }

  connect() {
    const ws = new WebSocket(`ws://${location.host}/ws${this.socketQuery}`);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.onState('loading');
      this.send('/xremote');
      this.renew = setInterval(() => this.send('/xremote'), RENEW_MS);
      this.onOpen();
      // Answers come back in order: when /info's arrives, every value asked for above has been shown.
      this.send('/info');
    };
    ws.onclose = () => {
      clearInterval(this.renew);
      this.onState('offline');
      setTimeout(() => this.connect(), 1000);
    };
    ws.onmessage = event => {
      const data = event.data;
      if (new Uint8Array(data, 0, 1)[0] === METER_MAGIC) {
        this.meterFrames++;
        this.onMeters(new Float32Array(data, 12, (data.byteLength - 12) / 4), this.meterFrames);
      } else {
        decodePacket(data, (address, values) => (address === '/info' ? this.onState('live') : this.onMessage(address, values)));
      }
    };
  }

  send(address, args) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeMessage(address, args));
  }

  // The newest value per path leaves at most every 16 ms: a drag never floods the console.
  set(address, arg) {
    if (this.readOnly) return;
    this.pending.set(address, arg);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), 16);
  }

  flush() {
    this.flushTimer = 0;
    for (const [address, arg] of this.pending) this.send(address, [arg]);
    this.pending.clear();
  }
}
