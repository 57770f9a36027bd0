/** Bumped whenever the dictionaries or rules change what a report codes to. */
export const CODER_VERSION = '1.1.1';
