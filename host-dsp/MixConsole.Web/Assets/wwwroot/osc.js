// OSC 1.0 in the page: the same packets the console's UDP clients send (big-endian, 4-byte padded).
const utf8 = new TextEncoder();
const text = new TextDecoder();

const pad = n => (n + 3) & ~3;

// args: [['f', 0.5], ['i', 1], ['s', 'Kick']]; no args is a query.
export function encodeMessage(address, args = []) {
  const addr = utf8.encode(address);
  const tags = utf8.encode(',' + args.map(a => a[0]).join(''));
  const strings = args.map(a => (a[0] === 's' ? utf8.encode(a[1]) : null));
  let size = pad(addr.length + 1) + pad(tags.length + 1);
  args.forEach((a, i) => { size += a[0] === 's' ? pad(strings[i].length + 1) : 4; });
  const buf = new ArrayBuffer(size);
  const bytes = new Uint8Array(buf);
  const view = new DataView(buf);
  let at = 0;
  bytes.set(addr, at); at += pad(addr.length + 1);
  bytes.set(tags, at); at += pad(tags.length + 1);
  args.forEach((a, i) => {
    if (a[0] === 'f') { view.setFloat32(at, a[1]); at += 4; }
    else if (a[0] === 'i') { view.setInt32(at, a[1]); at += 4; }
    else { bytes.set(strings[i], at); at += pad(strings[i].length + 1); }
  });
  return buf;
}

function readString(bytes, at) {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return [text.decode(bytes.subarray(at, end)), pad(end + 1)];
}

// Calls onMessage(address, values) for each message of a packet or bundle; values are numbers or strings.
export function decodePacket(buf, onMessage, offset = 0, length = buf.byteLength - offset) {
  const bytes = new Uint8Array(buf, offset, length);
  const view = new DataView(buf, offset, length);
  if (bytes[0] === 0x23) { // "#bundle": 16 bytes of header, then [size][element]...
    let at = 16;
    while (at + 4 <= length) {
      const size = view.getInt32(at);
      decodePacket(buf, onMessage, offset + at + 4, size);
      at += 4 + size;
    }
    return;
  }
  let [address, at] = readString(bytes, 0);
  let tags;
  [tags, at] = readString(bytes, at);
  const values = [];
  for (const t of tags.slice(1)) {
    if (t === 'f') { values.push(view.getFloat32(at)); at += 4; }
    else if (t === 'i') { values.push(view.getInt32(at)); at += 4; }
    else if (t === 's') { let s; [s, at] = readString(bytes, at); values.push(s); }
    else if (t === 'T' || t === 'F') values.push(t === 'T' ? 1 : 0);
    else return; // a type the pages do not use
  }
  onMessage(address, values);
}
