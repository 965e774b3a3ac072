import buttons from '../ui/button.module.css';
import { Spinner } from '../ui/icons';
import fields from './form-field.module.css';

// A form's main button: full width; while its request runs, disabled with a spinner and what it is doing.
export function SubmitButton({
  busy,
  label,
  busyLabel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button type="submit" className={`${buttons.button} ${buttons.primary} ${fields.submit}`} disabled={busy}>
      {busy ? (
        <>
          <Spinner /> {busyLabel}
        </>
      ) : (
        label
      )}
    </button>
  );
}
