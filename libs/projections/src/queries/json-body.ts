import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** A body's bytes and its weak validator, made once and sent as they are. */
export interface EncodedBody {
  bytes: Buffer;
  etag: string;
}

/**
 * A JSON response body serialized once; `shared` when it is the cached answer many requests get, whose bytes
 * (UTF-8, and gzip on first demand) and their ETags are then made once and kept with it: the full dyad list and
 * the offer list are each over a megabyte of JSON, ~10× less gzipped, and hashing and encoding them again per
 * request cost more than the rest of the request.
 */
export class JsonBody {
  private plain: EncodedBody | null = null;
  private gzipping: Promise<EncodedBody> | null = null;

  constructor(
    readonly json: string,
    readonly shared: boolean,
  ) {}

  utf8(): EncodedBody {
    this.plain ??= encoded(Buffer.from(this.json, 'utf8'));
    return this.plain;
  }

  gzipped(): Promise<EncodedBody> {
    this.gzipping ??= gzipAsync(this.json, { level: 6 }).then(encoded);
    return this.gzipping;
  }
}

/** Express's weak ETag form (length and SHA-1 of the bytes), so that a conditional request is answered 304. */
function encoded(bytes: Buffer): EncodedBody {
  return { bytes, etag: `W/"${bytes.length.toString(16)}-${createHash('sha1').update(bytes).digest('base64').slice(0, 27)}"` };
}
