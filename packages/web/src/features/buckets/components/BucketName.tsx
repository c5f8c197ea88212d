// A bucket's name where a source of access names it: a link to the bucket's page when the caller can see the
// bucket (it is in their bucket list), plain text otherwise.
import { Link } from 'react-router-dom';
import { useBuckets } from '../hooks/useBuckets.ts';
import styles from './BucketName.module.css';

export function BucketName({ id, name }: { id: string | null | undefined; name: string | null | undefined }) {
  const buckets = useBuckets();
  const label = name ?? 'a bucket';
  if (id && buckets.data?.some((b) => b.id === id)) {
    return (
      <Link to={`/buckets/${id}`} className={styles.link} data-testid="bucket-link">
        {label}
      </Link>
    );
  }
  return <>{label}</>;
}
