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
        // A path with an unsent move of ours is about to change again: showing someone else's value now would flicker.
        decodePacket(data, (address, values) => {
          if (address === '/info') this.onState('live');
          else if (!this.pending.has(address)) this.onMessage(address, values);
        });
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

  // Each set is followed by its query: the console echoes a value back to everyone but the client that set it, so
  // another client's move that crossed ours on the wire would otherwise stay on this page while the console holds ours.
  // Answers and echoes leave in order, so the answer is the value after our set and any later change is echoed.
  flush() {
    this.flushTimer = 0;
    for (const [address, arg] of this.pending) {
      this.send(address, [arg]);
      this.send(address);
    }
    this.pending.clear();
  }
}
