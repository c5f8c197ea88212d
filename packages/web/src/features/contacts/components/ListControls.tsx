// The contacts list's order and filters (owner, tag, bucket) and how many contacts match. Everything is a query of
// GET /contacts (sort, ownerId, tag, bucketId, count), so the server narrows what the caller may see and never
// counts what they may not: the count is exact up to 1,000, then "1,000+".
import type { CappedCount, ContactSort } from '../../../api/models.ts';
import { Button } from '../../../ui/Button.tsx';
import { Input, Select } from '../../../ui/Field.tsx';
import { useUsers } from '../../admin/hooks/useDirectory.ts';
import { useBuckets } from '../../buckets/hooks/useBuckets.ts';
import type { ListFilters } from '../hooks/useContacts.ts';
import styles from './ListControls.module.css';

export const SORTS: { id: ContactSort; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'owner', label: 'Owner' },
  { id: 'activity', label: 'Last activity' },
  { id: 'created', label: 'Newest' },
];

/** "1 contact", "1,234 contacts", "1,000+ contacts". */
export function countText(total: CappedCount): string {
  const n = total.count.toLocaleString('en-US');
  return `${n}${total.capped ? '+' : ''} ${total.count === 1 && !total.capped ? 'contact' : 'contacts'}`;
}

export function ListControls({ filters, tag, onTag, onChange, total, showOwner }: {
  filters: ListFilters;
  /** The tag as typed (the filter follows it after a pause). */
  tag: string;
  onTag: (tag: string) => void;
  onChange: (next: Partial<ListFilters>) => void;
  total: CappedCount | undefined;
  showOwner: boolean;
}) {
  const users = useUsers();
  const buckets = useBuckets();
  const filtered = filters.ownerId !== '' || filters.tag !== '' || filters.bucketId !== '';
  return (
    <div className={styles.controls} data-testid="list-controls">
      <label className={styles.control}>
        <span className={styles.caption}>Sort by</span>
        <Select compact value={filters.sort} onChange={(e) => onChange({ sort: e.target.value as ContactSort })} aria-label="Sort contacts by">
          {SORTS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </Select>
      </label>
      {showOwner ? (
        <label className={styles.control}>
          <span className={styles.caption}>Owner</span>
          <Select compact value={filters.ownerId} onChange={(e) => onChange({ ownerId: e.target.value })} aria-label="Filter by owner">
            <option value="">Anyone</option>
            {(users.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </Select>
        </label>
      ) : null}
      <label className={styles.control}>
        <span className={styles.caption}>Tag</span>
        <Input compact className={styles.tag} value={tag} maxLength={50} placeholder="any" onChange={(e) => onTag(e.target.value)} aria-label="Filter by tag" />
      </label>
      <label className={styles.control}>
        <span className={styles.caption}>Bucket</span>
        <Select compact value={filters.bucketId} onChange={(e) => onChange({ bucketId: e.target.value })} aria-label="Filter by bucket">
          <option value="">Any</option>
          {(buckets.data ?? []).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </Select>
      </label>
      {filtered ? (
        <Button size="sm" variant="ghost" icon="x" onClick={() => { onTag(''); onChange({ ownerId: '', tag: '', bucketId: '' }); }}>
          Clear filters
        </Button>
      ) : null}
      <span className={styles.spacer} />
      <span className={styles.count} aria-live="polite" data-testid="result-count">
        {total ? countText(total) : '\u00a0'}
      </span>
    </div>
  );
}
