import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives equal text for equal values whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });

  it('tells apart values that differ anywhere', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ body: 'x' })).not.toBe(canonicalJson({ body: 'x ' }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 1, extra: false }));
  });
});
