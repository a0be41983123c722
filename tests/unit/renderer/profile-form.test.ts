import { describe, expect, it } from 'vitest';
import { initialFields, toDraft, validateFields } from '../../../renderer/state/profile-form';
import { profileView } from './support/fake-main';

const filled = {
  name: ' Acme ',
  baseUrl: 'https://api.acme.test/',
  clientId: ' id ',
  secret: 's3cret',
  tokenStyle: 'json' as const,
};

describe('profile form', () => {
  it('never pre-fills the secret, even when editing', () => {
    expect(initialFields(profileView()).secret).toBe('');
    expect(initialFields(profileView()).baseUrl).toBe('https://api.acme.test');
  });

  it('asks for every field of a new connection, in words', () => {
    const errors = validateFields(initialFields(), false);
    expect(Object.keys(errors).sort()).toEqual(['baseUrl', 'clientId', 'name', 'secret']);
    expect(errors.secret).toBe('Enter the client secret.');
  });

  it('keeps the stored secret when editing with the secret left empty', () => {
    expect(validateFields({ ...filled, secret: '' }, true)).toEqual({});
    expect(toDraft({ ...filled, secret: '' }, 'p-1')).toEqual({
      id: 'p-1',
      name: 'Acme',
      baseUrl: 'https://api.acme.test',
      clientId: 'id',
      tokenStyle: 'json',
    });
  });

  it('refuses plain http except on this computer', () => {
    expect(validateFields({ ...filled, baseUrl: 'http://api.acme.test' }, false).baseUrl).toMatch(/https:\/\//);
    expect(validateFields({ ...filled, baseUrl: 'http://127.0.0.1:4010' }, false)).toEqual({});
    expect(validateFields({ ...filled, baseUrl: 'not a url' }, false).baseUrl).toMatch(/not a URL/);
  });

  it('sends the secret only when one was typed', () => {
    expect(toDraft(filled)).toMatchObject({ secret: 's3cret' });
    expect(toDraft(filled)).not.toHaveProperty('id');
  });
});
