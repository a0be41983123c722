import { useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTestReport } from '../../common/connection-test';
import { tokenStyleLabels, tokenStyles, type ProfileDraft, type ProfileView } from '../../common/profile';
import type { AppErrorData } from '../../common/result';
import { api } from '../bridge';
import { queryKeys } from '../data/query-keys';
import { useMainAction } from '../data/useMainAction';
import { initialFields, toDraft, validateFields, type FieldErrors, type ProfileFields } from '../state/profile-form';
import { ConnectionTestSteps } from './ConnectionTestSteps';
import { ErrorNotice } from './ErrorNotice';
import { NetworkFields } from './NetworkFields';

const fieldOrder: Array<keyof ProfileFields> = ['name', 'baseUrl', 'clientId', 'secret', 'proxyUrl', 'bypass'];

/** The connection form: name, base URL, client ID, a write-only secret, the network (proxy), the token style under Advanced. */
export function ProfileForm({
  profile,
  submitLabel,
  onSaved,
  onCancel,
}: {
  /** The profile being edited; absent for a new connection. */
  profile?: ProfileView | null;
  submitLabel: string;
  onSaved: (profile: ProfileView) => void;
  onCancel?: () => void;
}) {
  const editing = Boolean(profile);
  const [fields, setFields] = useState<ProfileFields>(() => initialFields(profile));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<AppErrorData | null>(null);
  const [report, setReport] = useState<ConnectionTestReport | null>(null);
  const testing = useMainAction((draft: ProfileDraft) => api().auth.testConnection({ draft }), {
    onSuccess: setReport,
    onError: setFormError,
  });
  // Finishes once main's `profiles:changed` has refreshed the list, so the next screen shows the profile.
  const saving = useMainAction((draft: ProfileDraft) => api().profiles.save(draft), {
    settles: [queryKeys.profiles],
    onSuccess: (saved) => {
      setFields((current) => ({ ...current, secret: '' }));
      return onSaved(saved);
    },
    onError: setFormError,
  });
  const busy = testing.pending ? 'test' : saving.pending ? 'save' : null;
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  const update = (key: keyof ProfileFields, value: string) => {
    setFields((current) => ({ ...current, [key]: value }));
    setReport(null);
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const check = (): boolean => {
    const found = validateFields(fields, editing);
    setErrors(found);
    const first = fieldOrder.find((key) => found[key]);
    if (first) {
      formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return false;
    }
    return true;
  };

  const test = () => {
    setFormError(null);
    if (!check()) return;
    setReport(null);
    void testing.run(toDraft(fields, profile?.id));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!check()) return;
    void saving.run(toDraft(fields, profile?.id));
  };

  const field = (key: 'name' | 'baseUrl' | 'clientId', label: string, hint: string, extra: object = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        value={fields[key]}
        onChange={(event) => update(key, event.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={`${id}-${key}-hint${errors[key] ? ` ${id}-${key}-error` : ''}`}
        autoComplete="off"
        spellCheck={false}
        required
        {...extra}
      />
      <span id={`${id}-${key}-hint`} className="field-hint">
        {hint}
      </span>
      {errors[key] ? (
        <span id={`${id}-${key}-error`} className="field-error">
          {errors[key]}
        </span>
      ) : null}
    </div>
  );

  return (
    <form ref={formRef} className="profile-form" onSubmit={save} noValidate aria-busy={busy !== null}>
      {field('name', 'Connection name', 'Shown in the status bar, e.g. the partner’s name.')}
      {field('baseUrl', 'Base URL', 'The API address your provider gave you, e.g. https://api.example.com', {
        inputMode: 'url',
        onBlur: () => {
          const found = validateFields(fields, editing).baseUrl;
          if (fields.baseUrl && found) setErrors((current) => ({ ...current, baseUrl: found }));
        },
      })}
      {field('clientId', 'Client ID', 'The OAuth client ID for this app.')}
      <div className="field">
        <label htmlFor={`${id}-secret`}>Client secret</label>
        <input
          id={`${id}-secret`}
          name="secret"
          type="password"
          value={fields.secret}
          onChange={(event) => update('secret', event.target.value)}
          aria-invalid={errors.secret ? true : undefined}
          aria-describedby={`${id}-secret-hint${errors.secret ? ` ${id}-secret-error` : ''}`}
          autoComplete="new-password"
          spellCheck={false}
          placeholder={editing && profile?.hasSecret ? 'Stored — leave empty to keep it' : ''}
          required={!editing}
        />
        <span id={`${id}-secret-hint`} className="field-hint">
          Kept in the system keychain. The app never shows it again.
        </span>
        {errors.secret ? (
          <span id={`${id}-secret-error`} className="field-error">
            {errors.secret}
          </span>
        ) : null}
      </div>
      {profile?.demo ? (
        <p className="field-hint">The demo runs on this computer and is always reached directly, without a proxy.</p>
      ) : (
        <NetworkFields fields={fields} errors={errors} onChange={update} />
      )}
      <details className="advanced">
        <summary>Advanced</summary>
        <fieldset className="radio-group">
          <legend>Token request style</legend>
          {tokenStyles.map((style) => (
            <label key={style} className="radio">
              <input
                type="radio"
                name="tokenStyle"
                value={style}
                checked={fields.tokenStyle === style}
                onChange={() => update('tokenStyle', style)}
              />
              {tokenStyleLabels[style]}
            </label>
          ))}
          <p className="field-hint">
            Change this only if your provider follows the OAuth standard rather than its own documentation.
          </p>
        </fieldset>
      </details>

      <div aria-live="polite">
        {busy === 'test' ? <p className="muted">Testing the connection…</p> : null}
        {report ? <ConnectionTestSteps report={report} /> : null}
      </div>
      {formError ? <ErrorNotice error={formError} /> : null}

      <div className="form-actions">
        <button type="button" className="button" onClick={test} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <span className="spacer" />
        {onCancel ? (
          <button type="button" className="button ghost" onClick={onCancel} disabled={busy === 'save'}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
