import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

export interface ApiKey {
  key: string;
  role: Role;
}

/** Who presented a key: its role and a fingerprint safe to use as a rate-limit bucket (never the key). */
export interface KeyHolder {
  role: Role;
  fingerprint: string;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The configured keys, kept only as SHA-256 digests. A presented key is hashed and compared with every
 * digest in constant time, without stopping at the first match, so timing tells nothing about the keys.
 */
export class ApiKeyRing {
  private readonly entries: { digest: Buffer; role: Role; fingerprint: string }[];

  constructor(keys: readonly ApiKey[]) {
    this.entries = keys.map(({ key, role }) => {
      const hashed = digest(key);
      return { digest: hashed, role, fingerprint: hashed.subarray(0, 8).toString('hex') };
    });
  }

  /** With no keys configured the API is open (it then listens on 127.0.0.1 only). */
  get isOpen(): boolean {
    return this.entries.length === 0;
  }

  identify(presented: string): KeyHolder | null {
    const hashed = digest(presented);
    let found: KeyHolder | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(hashed, entry.digest) && found === null) found = { role: entry.role, fingerprint: entry.fingerprint };
    }
    return found;
  }
}

/** The key in `Authorization: Bearer <key>`, or null when the header is absent or of another scheme. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(value ?? '');
  return match ? match[1] : null;
}
