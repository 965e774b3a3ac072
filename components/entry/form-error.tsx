import { AlertIcon } from './alert-icon';
import fields from './form-field.module.css';

// A form's error, announced when it appears (role=alert) and named by the inputs' aria-describedby.
export function FormError({ id, message, testId }: { id: string; message?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={fields.error} role="alert" data-testid={testId}>
      <AlertIcon />
      <span>{message}</span>
    </p>
  );
}

// One field's problem, under it (the input names it in aria-describedby).
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className={fields.fieldError}>
      {message}
    </p>
  );
}
