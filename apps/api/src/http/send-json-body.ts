import type { Request, Response } from 'express';
import type { EncodedBody, JsonBody } from '@app/projections';

/**
 * Sends a list body. A shared (cached) body goes out as the bytes and ETag made once with it, gzipped when the
 * client takes gzip; any other is serialized by Express as usual.
 */
export async function sendJsonBody(request: Request, response: Response, body: JsonBody): Promise<void> {
  response.type('application/json');
  if (!body.shared) {
    response.send(body.json);
    return;
  }
  response.vary('Accept-Encoding');
  let encoded: EncodedBody;
  if (request.acceptsEncodings('gzip', 'identity') === 'gzip') {
    response.setHeader('Content-Encoding', 'gzip');
    encoded = await body.gzipped();
  } else {
    encoded = body.utf8();
  }
  response.setHeader('ETag', encoded.etag);
  response.send(encoded.bytes);
}
