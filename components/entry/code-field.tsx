import fields from './form-field.module.css';

// A join or resume code as people type it: monospaced, upper case, no spell check or autofill; the error
// (./form-error.tsx, id `${id}-error`) is named when there is one.
export function CodeField({
  id,
  name,
  label,
  placeholder,
  value,
  error,
  disabled,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  placeholder: string;
  value: string;
  error?: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className={fields.field}>
      <label htmlFor={`${id}-code`} className={fields.label}>
        {label}
      </label>
      <input
        id={`${id}-code`}
        name={name}
        className={`${fields.input} ${fields.code}`}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={64}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        disabled={disabled}
      />
    </div>
  );
}
