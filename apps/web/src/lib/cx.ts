/** Join class names, skipping empty ones: `cx(styles.button, primary && styles.primary)`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
