import { describe, expect, it } from 'vitest';
import { initialFields, toDraft, validateFields } from '../../../renderer/state/profile-form';
import { profileView } from './support/fake-main';

const filled = {
  name: ' Acme ',
  baseUrl: 'https://api.acme.test/',
  clientId: ' id ',
  secret: 's3cret',
  tokenStyle: 'json' as const,
  networkMode: 'system' as const,
  proxyUrl: '',
  bypass: '',
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
      network: { mode: 'system' },
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

  it('starts a new connection on the system’s proxy settings, and an edit on the profile’s own', () => {
    expect(initialFields()).toMatchObject({ networkMode: 'system', proxyUrl: '', bypass: '' });
    const manual = profileView({
      network: { mode: 'manual', proxyUrl: 'http://proxy.corp:3128', bypass: ['.internal', '10.0.0.0/8'] },
    });
    expect(initialFields(manual)).toMatchObject({
      networkMode: 'manual',
      proxyUrl: 'http://proxy.corp:3128',
      bypass: '.internal, 10.0.0.0/8',
    });
    expect(initialFields(profileView({ network: { mode: 'none' } })).networkMode).toBe('none');
  });

  it('sends the network setting: the mode, or the manual proxy with its bypass list split', () => {
    expect(toDraft({ ...filled, networkMode: 'none', proxyUrl: 'ignored' }).network).toEqual({ mode: 'none' });
    expect(
      toDraft({ ...filled, networkMode: 'manual', proxyUrl: ' proxy.corp:3128 ', bypass: '.internal;\n10.0.0.0/8 ' })
        .network,
    ).toEqual({ mode: 'manual', proxyUrl: 'proxy.corp:3128', bypass: ['.internal', '10.0.0.0/8'] });
  });

  it('checks the manual proxy in words: the address is needed, without a password, and the bypass entries readable', () => {
    const manual = { ...filled, networkMode: 'manual' as const };
    expect(validateFields({ ...manual, proxyUrl: '' }, false).proxyUrl).toMatch(/Enter the proxy’s address/);
    expect(validateFields({ ...manual, proxyUrl: 'http://ann:pw@proxy.corp:3128' }, false).proxyUrl).toMatch(
      /Leave the user name and password out/,
    );
    expect(validateFields({ ...manual, proxyUrl: 'ftp://proxy.corp' }, false).proxyUrl).toMatch(/must start with/);
    expect(validateFields({ ...manual, proxyUrl: 'proxy.corp:3128', bypass: 'ok.example, bad/host!' }, false)).toEqual({
      bypass: expect.stringContaining('“bad/host!”') as string,
    });
    expect(validateFields({ ...manual, proxyUrl: 'proxy.corp:3128', bypass: '<local>, *.corp, ::1' }, false)).toEqual(
      {},
    );
    // The other modes have nothing to check, whatever was typed in the hidden fields.
    expect(validateFields({ ...filled, networkMode: 'system', proxyUrl: 'ftp://x' }, false)).toEqual({});
  });
});
