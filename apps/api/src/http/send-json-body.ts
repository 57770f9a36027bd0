import type { Request, Response } from 'express';
import type { JsonBody } from '@app/projections';

/** Sends a list body: the cached gzip form when it is a shared body and the client takes gzip, else the JSON. */
export async function sendJsonBody(request: Request, response: Response, body: JsonBody): Promise<void> {
  response.type('application/json');
  if (!body.shared) {
    response.send(body.json);
    return;
  }
  response.vary('Accept-Encoding');
  if (request.acceptsEncodings('gzip', 'identity') !== 'gzip') {
    response.send(body.json);
    return;
  }
  response.setHeader('Content-Encoding', 'gzip');
  response.send(await body.gzipped());
}
