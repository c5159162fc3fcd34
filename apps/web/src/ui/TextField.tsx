import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { Field } from './Field';
import styles from './Field.module.css';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** A small control inside the input's right edge (e.g. show/hide). */
  trailing?: ReactNode;
  fieldClassName?: string;
}

export function TextField({ label, hint, error, trailing, fieldClassName, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(control) =>
        trailing ? (
          <div className={styles.withTrailing}>
            <input className={styles.control} {...control} {...input} />
            <span className={styles.trailing}>{trailing}</span>
          </div>
        ) : (
          <input className={styles.control} {...control} {...input} />
        )
      }
    </Field>
  );
}

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'trailing'>;

/** A password input with a Show/Hide toggle (named "Show password", so it never matches the label). */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      trailing={
        <button
          type="button"
          className={styles.reveal}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? 'Hide' : 'Show'}
          <span className="visually-hidden"> password</span>
        </button>
      }
    />
  );
}
