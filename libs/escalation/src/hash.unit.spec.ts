import { deterministicId, sha256Hex } from './hash';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
    ['€ 日本', 'eec7eee3be437e553a8bdad99c2ade36fe69d8baca0af619fca41ca5a8e0a3c3'],
  ])('hashes %j', (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });
});

describe('deterministicId', () => {
  it('is stable and separates parts unambiguously', () => {
    expect(deterministicId(['a', 1, null])).toBe(deterministicId(['a', 1, null]));
    expect(deterministicId(['a|b', 'c'])).not.toBe(deterministicId(['a', 'b|c']));
    expect(deterministicId(['x'])).toMatch(/^[0-9a-f]{32}$/);
  });
});
