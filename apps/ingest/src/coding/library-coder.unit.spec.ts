import { codingThreads } from './library-coder';

describe('codingThreads', () => {
  it.each([
    [undefined, 2, 1],
    [undefined, 8, 7],
    [undefined, 1, 1],
    [0, 8, 0],
    [3, 2, 3],
  ])('CODER_THREADS=%s on %i cores → %i threads', (setting, cores, expected) => {
    expect(codingThreads({ CODER_THREADS: setting }, cores)).toBe(expected);
  });
});
