// One WebSocket to the console: OSC both ways, coalesced moves, meter frames ('MTR2' + LE floats).
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
    this.pending = new Map();  // path -> newest local move not yet sent
    this.inFlight = new Map(); // path -> the barrier its last sent move waits for
    this.held = new Map();     // path -> newest values received while its move is in flight
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
      this.barriers = 0;
      this.answered = 0;
      this.inFlight.clear();
      this.held.clear();
      this.send('/xremote');
      this.renew = setInterval(() => this.send('/xremote'), RENEW_MS);
      this.onOpen();
      // Answers come back in order: when /info's arrives, every value asked for above has been shown.
      this.barrier();
    };
    ws.onclose = () => {
      clearInterval(this.renew);
      this.onState('offline');
      setTimeout(() => this.connect(), 1000);
    };
    ws.onmessage = event => {
      const data = event.data;
      if (new Uint8Array(data, 0, 1)[0] === METER_MAGIC) {
        // Header: 'MTR2', sequence, channels, buses, first screen value, count; the X32 banks' values, then the screen's.
        const header = new DataView(data, 0, 16);
        const screen = header.getUint16(12, true);
        this.meterFrames++;
        this.onMeters(new Float32Array(data, 16, screen), this.meterFrames, new Float32Array(data, 16 + 4 * screen, header.getUint16(14, true) - screen));
      } else {
        decodePacket(data, (address, values) => this.receive(address, values));
      }
    };
  }

  // A path with an unsent move of ours is about to change again: showing someone else's value now would flicker.
  // A path whose sent move is unanswered keeps only the newest value until the move's barrier comes back: an
  // answer to an older query would otherwise show an old value, and the next key press would step from it.
  receive(address, values) {
    if (address === '/info') {
      this.answered++;
      this.release();
      if (this.answered === 1) this.onState('live');
    } else if (this.pending.has(address)) {
      // dropped: our move's answer will say what the console holds
    } else if (this.inFlight.has(address)) {
      this.held.set(address, values);
    } else {
      this.onMessage(address, values);
    }
  }

  // Answers and echoes leave the console in order, so the last value before a barrier's /info is the newest. A path
  // with a newer move of ours still unsent shows none: that move's own answer will say what the console holds.
  release() {
    for (const [address, barrier] of this.inFlight) {
      if (barrier > this.answered) continue;
      this.inFlight.delete(address);
      const values = this.held.get(address);
      this.held.delete(address);
      if (values && !this.pending.has(address)) this.onMessage(address, values);
    }
  }

  barrier() {
    this.barriers++;
    this.send('/info');
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
      this.inFlight.set(address, this.barriers + 1);
    }
    this.pending.clear();
    this.barrier();
  }
}
