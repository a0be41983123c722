import { checkBaseUrl, type ProfileDraft, type ProfileView, type TokenStyle } from '../../common/profile';
import { initialNetworkFields, toNetworkSetting, validateNetworkFields, type NetworkFields } from './network-fields';

/** The profile form's fields as typed (the secret is never pre-filled), with the Network section's. */
export interface ProfileFields extends NetworkFields {
  name: string;
  baseUrl: string;
  clientId: string;
  secret: string;
  tokenStyle: TokenStyle;
}

/** A field's problem, in words, keyed by field. */
export type FieldErrors = Partial<Record<keyof ProfileFields, string>>;

/** The form's starting values: empty, or an existing profile's (never its secret). */
export function initialFields(profile?: ProfileView | null): ProfileFields {
  return {
    name: profile?.name ?? '',
    baseUrl: profile?.baseUrl ?? '',
    clientId: profile?.clientId ?? '',
    secret: '',
    tokenStyle: profile?.tokenStyle ?? 'json',
    ...initialNetworkFields(profile?.network),
  };
}

/** Checks the fields before anything goes to main; when editing, an empty secret keeps the stored one. */
export function validateFields(fields: ProfileFields, editing: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!fields.name.trim()) errors.name = 'Give the connection a name.';
  else if (fields.name.trim().length > 100) errors.name = 'Keep the name under 100 characters.';
  if (!fields.baseUrl.trim()) errors.baseUrl = 'Enter the API’s base URL, e.g. https://api.example.com';
  else {
    const checked = checkBaseUrl(fields.baseUrl);
    if (!checked.ok) errors.baseUrl = checked.reason;
  }
  if (!fields.clientId.trim()) errors.clientId = 'Enter the client ID.';
  if (!editing && !fields.secret) errors.secret = 'Enter the client secret.';
  if (fields.secret.length > 4096) errors.secret = 'The client secret is too long.';
  return { ...errors, ...validateNetworkFields(fields) };
}

/** The draft main receives; the secret only when one was typed. */
export function toDraft(fields: ProfileFields, id?: string): ProfileDraft {
  const checked = checkBaseUrl(fields.baseUrl);
  return {
    ...(id ? { id } : {}),
    name: fields.name.trim(),
    baseUrl: checked.ok ? checked.url : fields.baseUrl.trim(),
    clientId: fields.clientId.trim(),
    tokenStyle: fields.tokenStyle,
    network: toNetworkSetting(fields),
    ...(fields.secret ? { secret: fields.secret } : {}),
  };
}
