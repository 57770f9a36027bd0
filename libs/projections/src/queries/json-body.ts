import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * A JSON response body serialized once; `shared` when it is the cached answer many requests get, whose gzip
 * form is then made once on first demand and kept with it (the full dyad list is ~1.5 MB of JSON, ~10× less
 * gzipped, and a browser always asks for gzip).
 */
export class JsonBody {
  private gzipping: Promise<Buffer> | null = null;

  constructor(
    readonly json: string,
    readonly shared: boolean,
  ) {}

  gzipped(): Promise<Buffer> {
    this.gzipping ??= gzipAsync(this.json, { level: 6 });
    return this.gzipping;
  }
}
