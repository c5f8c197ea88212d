/** Joins the class names that are set: `cx(styles.row, active && styles.active)`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
