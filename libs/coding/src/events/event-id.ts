// FNV-1a over UTF-16 code units in four lanes with distinct offset bases (128 bits), mixed at the end.
// Deterministic and free of node:crypto.
const OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x5bd1e995, 0x9e3779b9, 0x85ebca6b];

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const NIBBLE = Array.from({ length: 16 }, (_, nibble) => nibble.toString(16));

function finish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

const hexOf = (word: number): string => HEX[(word >>> 24) & 255] + HEX[(word >>> 16) & 255] + HEX[(word >>> 8) & 255] + HEX[word & 255];

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
  // The 128 mixed bits as 32 hex digits, written straight into the UUID layout: digit 12 becomes the version (5),
  // digit 16 keeps its two low bits under the variant (8 to b).
  const first = finish(a);
  const second = finish(b ^ a);
  const third = finish(c);
  const fourth = finish(d ^ c);
  const timeMid = HEX[(second >>> 24) & 255] + HEX[(second >>> 16) & 255];
  const version = `5${NIBBLE[(second >>> 8) & 15]}${HEX[second & 255]}`;
  const variant = NIBBLE[((third >>> 28) & 0x3) | 0x8] + NIBBLE[(third >>> 24) & 15] + HEX[(third >>> 16) & 255];
  const node = HEX[(third >>> 8) & 255] + HEX[third & 255] + hexOf(fourth);
  return `${hexOf(first)}-${timeMid}-${version}-${variant}-${node}`;
}
