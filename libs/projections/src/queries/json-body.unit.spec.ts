import { gunzipSync } from 'node:zlib';
import { JsonBody } from './json-body';

describe('JsonBody', () => {
  const json = JSON.stringify({ items: [{ text: 'Iran accepted “the offer” — 2 sides' }] });

  it('encodes a body once, as UTF-8 and gzip, each with a weak ETag of its own bytes', async () => {
    const body = new JsonBody(json, true);
    const plain = body.utf8();
    const zipped = await body.gzipped();
    expect(plain.bytes.equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(gunzipSync(zipped.bytes).toString('utf8')).toBe(json);
    expect(plain.etag).toMatch(new RegExp(`^W/"${plain.bytes.length.toString(16)}-[A-Za-z0-9+/]{27}"$`));
    expect(zipped.etag).toMatch(new RegExp(`^W/"${zipped.bytes.length.toString(16)}-[A-Za-z0-9+/]{27}"$`));
    expect(zipped.etag).not.toBe(plain.etag);
    // Made once: later requests get the very same bytes.
    expect(body.utf8()).toBe(plain);
    expect(await body.gzipped()).toBe(zipped);
  });

  it('gives another body of the same length another ETag', () => {
    const other = json.replace('2 sides', '3 sides');
    expect(other.length).toBe(json.length);
    expect(new JsonBody(other, true).utf8().etag).not.toBe(new JsonBody(json, true).utf8().etag);
  });
});
