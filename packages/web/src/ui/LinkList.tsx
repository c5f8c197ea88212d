// A list of records, each row a link to the record's page, under a header line: what the Buckets, Pipelines and
// Programs pages show. The name comes first (with an icon, and on a phone a line or two of details under it), then
// the page's own columns (left out on a phone), then a trailing cell such as the caller's access (kept on a phone).
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { cx } from '../lib/cx.ts';
import { Icon, type IconName } from './Icon.tsx';
import styles from './LinkList.module.css';

export type LinkListColumn<T> = {
  header: string;
  /** Its grid track, e.g. `minmax(0, 1fr)` or `90px`. */
  width: string;
  cell: (item: T) => ReactNode;
  numeric?: boolean;
  /** Let long text wrap rather than end in an ellipsis. */
  wrap?: boolean;
  testId?: string;
};

type Props<T> = {
  /** The list's accessible name ("Buckets"). */
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  hrefOf: (item: T) => string;
  icon: IconName;
  nameOf: (item: T) => ReactNode;
  /** Shown under the name on a phone only, where the columns are left out: one node per line. */
  phoneDetailsOf: (item: T) => ReactNode[];
  columns: readonly LinkListColumn<T>[];
  trailing: { header: string; width: string; cell: (item: T) => ReactNode };
  /** The name track; the default suits a name beside three or four columns. */
  nameWidth?: string;
  rowTestId?: string;
  nameTestId?: string;
};

export function LinkList<T>(props: Props<T>) {
  const { label, items, keyOf, hrefOf, icon, nameOf, phoneDetailsOf, columns, trailing, rowTestId, nameTestId } = props;
  const wide = [props.nameWidth ?? 'minmax(0, 2.4fr)', ...columns.map((c) => c.width), trailing.width].join(' ');
  return (
    <div className={styles.list} style={{ '--link-list-wide': wide } as CSSProperties}>
      <div className={styles.head} aria-hidden="true">
        <span>Name</span>
        {columns.map((c) => (
          <span key={c.header} className={cx(c.numeric && styles.numeric)}>
            {c.header}
          </span>
        ))}
        <span>{trailing.header}</span>
      </div>
      <ul className={styles.rows} aria-label={label}>
        {items.map((item) => (
          <li key={keyOf(item)} data-testid={rowTestId}>
            <Link to={hrefOf(item)} className={styles.row}>
              <span className={styles.nameCell}>
                <span className={styles.icon}>
                  <Icon name={icon} />
                </span>
                <span className={styles.nameText}>
                  <span className={styles.name} data-testid={nameTestId}>
                    {nameOf(item)}
                  </span>
                  <span className={styles.phoneDetails}>
                    {phoneDetailsOf(item).map((line, i) => (
                      <span key={i}>{line}</span>
                    ))}
                  </span>
                </span>
              </span>
              {columns.map((c) => (
                <span key={c.header} className={cx(styles.cell, c.numeric && styles.numeric, c.wrap && styles.wrap)} data-testid={c.testId}>
                  {c.cell(item)}
                </span>
              ))}
              <span className={styles.trailing}>{trailing.cell(item)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
