import { useId } from 'react';
import { networkModeLabels, networkModes, type NetworkMode } from '../../common/network-setting';
import type { NetworkFields as Fields } from '../state/network-fields';

const modeHints: Record<NetworkMode, string> = {
  system: 'As your web browser does: the proxy your computer’s settings or your company’s PAC script choose.',
  none: 'Connect to the API directly, whatever the system’s settings say.',
  manual: 'Send every request through the proxy below, except to the hosts you list.',
};

/**
 * The profile form's Network section: the system's proxy settings (default), no proxy, or a manual
 * proxy (address and bypass list). Proxy user names and passwords are never typed here: the app asks
 * when the proxy does, and keeps them in the system keychain.
 */
export function NetworkFields({
  fields,
  errors,
  onChange,
}: {
  fields: Fields;
  errors: Partial<Record<keyof Fields, string>>;
  onChange: (key: keyof Fields, value: string) => void;
}) {
  const id = useId();
  const input = (key: 'proxyUrl' | 'bypass') => ({
    id: `${id}-${key}`,
    name: key,
    value: fields[key],
    onChange: (event: { target: { value: string } }) => onChange(key, event.target.value),
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': `${id}-${key}-hint${errors[key] ? ` ${id}-${key}-error` : ''}`,
    autoComplete: 'off',
    spellCheck: false,
  });
  const problem = (key: 'proxyUrl' | 'bypass') =>
    errors[key] ? (
      <span id={`${id}-${key}-error`} className="field-error">
        {errors[key]}
      </span>
    ) : null;
  return (
    <fieldset className="radio-group network-fields" data-testid="network-fields">
      <legend>Network</legend>
      {networkModes.map((mode) => (
        <label key={mode} className="radio network-mode">
          <input
            type="radio"
            name="networkMode"
            value={mode}
            checked={fields.networkMode === mode}
            onChange={() => onChange('networkMode', mode)}
            aria-describedby={`${id}-${mode}-hint`}
          />
          <span>
            {networkModeLabels[mode]}
            <span id={`${id}-${mode}-hint`} className="field-hint network-mode-hint">
              {modeHints[mode]}
            </span>
          </span>
        </label>
      ))}
      {fields.networkMode === 'manual' ? (
        <div className="network-manual">
          <div className="field">
            <label htmlFor={`${id}-proxyUrl`}>Proxy address</label>
            <input {...input('proxyUrl')} inputMode="url" />
            <span id={`${id}-proxyUrl-hint`} className="field-hint">
              e.g. http://proxy.example.com:8080 (https:// and socks5:// work too). No user name or password here.
            </span>
            {problem('proxyUrl')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-bypass`}>Go direct to these hosts</label>
            <textarea {...input('bypass')} rows={2} />
            <span id={`${id}-bypass-hint`} className="field-hint">
              Separated by commas or new lines: names (.example.com includes its sub-domains), IP addresses or ranges
              (10.0.0.0/8), or &lt;local&gt;.
            </span>
            {problem('bypass')}
          </div>
        </div>
      ) : null}
      <p className="field-hint">“Test connection” says which way it went: through the proxy, or directly.</p>
    </fieldset>
  );
}
