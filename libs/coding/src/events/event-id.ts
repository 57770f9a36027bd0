// FNV-1a over UTF-16 code units in four lanes with distinct offset bases (128 bits), mixed at the end.
// Deterministic and free of node:crypto.
const OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x5bd1e995, 0x9e3779b9, 0x85ebca6b];

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function finish(hash: number): string {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return HEX[(h >>> 24) & 255] + HEX[(h >>> 16) & 255] + HEX[(h >>> 8) & 255] + HEX[h & 255];
}

/** A UUID-shaped id (version 5 layout) derived only from the given text. */
export function deterministicId(text: string): string {
  let a = OFFSETS[0];
  let b = OFFSETS[1];
  let c = OFFSETS[2];
  let d = OFFSETS[3];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) + i;
    c = Math.imul(c ^ code, 0x01000193) ^ (c >>> 15);
    d = Math.imul(d ^ code, 0x01000193) + (d >>> 7);
  }
  const hex = finish(a) + finish(b ^ a) + finish(c) + finish(d ^ c);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
