import { codingThreads } from './library-coder';

describe('codingThreads', () => {
  it.each([
    [undefined, 2, 2],
    [undefined, 8, 8],
    [undefined, 1, 1],
    [0, 8, 0],
    [3, 2, 3],
  ])('CODER_THREADS=%s on %i cores → %i threads', (setting, cores, expected) => {
    expect(codingThreads({ CODER_THREADS: setting }, cores)).toBe(expected);
  });
});
