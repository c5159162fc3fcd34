import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './Field';
import styles from './Field.module.css';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  fieldClassName?: string;
}

export function SelectField({ label, hint, error, fieldClassName, children, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(control) => (
        <select className={styles.control} {...control} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}
