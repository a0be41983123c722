import {
  bypassListSchema,
  parseProxyUrl,
  splitBypassList,
  type NetworkMode,
  type NetworkSetting,
} from '../../common/network-setting';

/** The Network section of the profile form as typed: the mode, and the manual proxy's address and bypass list. */
export interface NetworkFields {
  networkMode: NetworkMode;
  proxyUrl: string;
  /** The bypass list as typed (commas, semicolons, spaces or new lines between entries). */
  bypass: string;
}

/** The Network section's starting values: the profile's setting, or the system's proxy settings. */
export function initialNetworkFields(setting?: NetworkSetting | null): NetworkFields {
  if (setting?.mode === 'manual')
    return { networkMode: 'manual', proxyUrl: setting.proxyUrl, bypass: setting.bypass.join(', ') };
  return { networkMode: setting?.mode ?? 'system', proxyUrl: '', bypass: '' };
}

/** The manual proxy's problems in words (nothing to check for the other modes). */
export function validateNetworkFields(fields: NetworkFields): { proxyUrl?: string; bypass?: string } {
  if (fields.networkMode !== 'manual') return {};
  const errors: { proxyUrl?: string; bypass?: string } = {};
  if (!fields.proxyUrl.trim()) errors.proxyUrl = 'Enter the proxy’s address, e.g. http://proxy.example.com:8080';
  else {
    const parsed = parseProxyUrl(fields.proxyUrl);
    if (!parsed.ok) errors.proxyUrl = parsed.reason;
  }
  const bypass = bypassListSchema.safeParse(splitBypassList(fields.bypass));
  if (!bypass.success) {
    const issue = bypass.error.issues[0];
    const entry = typeof issue?.path[0] === 'number' ? splitBypassList(fields.bypass)[issue.path[0]] : undefined;
    errors.bypass = entry ? `“${entry}”: ${issue?.message ?? 'not a host.'}` : (issue?.message ?? 'Check the list.');
  }
  return errors;
}

/** The setting main receives (the proxy address as typed; main normalises it). */
export function toNetworkSetting(fields: NetworkFields): NetworkSetting {
  if (fields.networkMode !== 'manual') return { mode: fields.networkMode };
  return { mode: 'manual', proxyUrl: fields.proxyUrl.trim(), bypass: splitBypassList(fields.bypass) };
}
