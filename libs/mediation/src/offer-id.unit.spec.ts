import { isOfferId, offerIdOf, parseOfferId } from './offer-id';

describe('offer ids', () => {
  it('mediator, colon, parties sorted', () => {
    expect(offerIdOf('CHN', ['PAK', 'IRN'])).toBe('CHN:IRN-PAK');
    expect(parseOfferId('CHN:AFG-IRN-PAK')).toEqual({ mediator: 'CHN', parties: ['AFG', 'IRN', 'PAK'] });
  });

  it.each(['CHN:PAK-IRN', 'CHN:IRN', 'CHN-IRN-PAK', 'chn:IRN-PAK', 'CHN:IRN-PAK:X', 'CHN:CHN-PAK', 'CHN:IRN-IRN', ''])('"%s" is not an offer id', (text) => {
    expect(isOfferId(text)).toBe(false);
    expect(() => parseOfferId(text)).toThrow(expect.objectContaining({ code: 'INVALID_OFFER_ID' }));
  });
});
