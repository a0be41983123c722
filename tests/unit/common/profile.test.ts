import { describe, expect, it } from 'vitest';
import { checkBaseUrl, profileDraftSchema } from '../../../common/profile';

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.partner.example', 'https://api.partner.example'],
    ['https://API.Partner.example/v1/', 'https://api.partner.example/v1'],
    ['  https://api.partner.example:8443  ', 'https://api.partner.example:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('accepts %s', (input, url) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['http://api.partner.example', /https:\/\//],
    ['ftp://api.partner.example', /https:\/\//],
    ['https://user:pw@api.partner.example', /user name or password/],
    ['https://api.partner.example/?x=1', /\? or #/],
    ['api.partner.example', /not a URL/],
    ['https://api.partner.example:99999', /not valid/],
    ['http://127.0.0.1.evil.example', /https:\/\//],
  ])('refuses %s', (input, reason) => {
    const checked = checkBaseUrl(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toMatch(reason);
  });

  it('the draft schema normalises the URL and defaults the token style to the doc’s JSON body', () => {
    const draft = profileDraftSchema.parse({
      name: ' Partner ',
      baseUrl: 'https://API.example/',
      clientId: 'id',
      secret: 's',
    });
    expect(draft).toEqual({
      name: 'Partner',
      baseUrl: 'https://api.example',
      clientId: 'id',
      secret: 's',
      tokenStyle: 'json',
    });
  });
});
