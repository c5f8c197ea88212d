// Pick people or teams: type to filter, arrows to move, Enter to add; picked ones show as removable chips.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Grantee, Team, User } from '../../../api/models.ts';
import { cx } from '../../../lib/cx.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import styles from './GranteePicker.module.css';

export type GranteeOption = { key: string; grantee: Grantee; name: string; detail: string; kind: 'person' | 'team' };

export function granteeOptions(users: User[], teams: Team[], exclude: Set<string>): GranteeOption[] {
  const people = users
    .filter((u) => u.status === 'active' && !exclude.has(u.id))
    .map((u): GranteeOption => ({ key: `u:${u.id}`, grantee: { userId: u.id }, name: u.name, detail: u.email, kind: 'person' }));
  const groups = teams.map((t): GranteeOption => ({ key: `t:${t.id}`, grantee: { teamId: t.id }, name: t.name, detail: `Team · ${t.memberIds.length} ${t.memberIds.length === 1 ? 'member' : 'members'}`, kind: 'team' }));
  return [...people, ...groups];
}

export function GranteePicker({ options, picked, onChange, loading = false, autoFocus = false, label = 'Add people or teams' }: {
  options: GranteeOption[];
  picked: GranteeOption[];
  onChange: (next: GranteeOption[]) => void;
  /** People and teams are still loading: the box is usable, the suggestions say so. */
  loading?: boolean;
  /** A dialog opens with focus here (the Dialog focuses `[data-autofocus]`). */
  autoFocus?: boolean;
  label?: string;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => {
    const pickedKeys = new Set(picked.map((p) => p.key));
    const needle = text.trim().toLowerCase();
    return options.filter((o) => !pickedKeys.has(o.key) && (!needle || o.name.toLowerCase().includes(needle) || o.detail.toLowerCase().includes(needle))).slice(0, 8);
  }, [options, text, picked]);

  const add = (option: GranteeOption) => {
    onChange([...picked, option]);
    setText('');
    setActive(0);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      const option = matches[active];
      if (open && option) {
        event.preventDefault();
        add(option);
      }
    } else if (event.key === 'Backspace' && !text && picked.length > 0) {
      onChange(picked.slice(0, -1));
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className={styles.picker}>
      <div className={styles.box}>
        {picked.map((p) => (
          <span key={p.key} className={styles.chip} data-testid="picked-grantee">
            {p.kind === 'team' ? <Icon name="users" size={12} /> : null}
            {p.name}
            <button type="button" aria-label={`Remove ${p.name}`} onClick={() => onChange(picked.filter((x) => x.key !== p.key))}>
              <Icon name="x" size={12} />
            </button>
          </span>
        ))}
        <input
          className={styles.input}
          role="combobox"
          aria-label={label}
          data-autofocus={autoFocus || undefined}
          aria-expanded={open && matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          placeholder={picked.length ? 'Add more…' : 'Type a name, e-mail or team'}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => window.setTimeout(() => setOpen(false), 120)}
          onKeyDown={onKeyDown}
        />
      </div>
      {open && loading ? (
        <p className={styles.loading} role="status">
          Loading people and teams…
        </p>
      ) : null}
      {open && matches.length > 0 ? (
        <ul className={styles.list} role="listbox" id={listId}>
          {matches.map((o, i) => (
            <li
              key={o.key}
              role="option"
              aria-selected={i === active}
              className={cx(styles.option, i === active && styles.active)}
              onMouseDown={(e) => {
                e.preventDefault();
                add(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <Avatar name={o.name} size={24} kind={o.kind} />
              <span className={styles.optionName}>{o.name}</span>
              <span className={styles.optionDetail}>{o.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
