// Settings › Access review (admins, D38): pick a user to see every contact they can see with the level and why; the
// org's matrix of users × owners and users × buckets; CSV and Excel downloads of both (audited by the server).
import { useState } from 'react';
import { useUsers } from '../features/admin/hooks/useDirectory.ts';
import { ReviewDownloads } from '../features/access-review/components/ReviewDownloads.tsx';
import { useAccessMatrix, useUserAccessReview } from '../features/access-review/hooks/useAccessReview.ts';
import { levelText, sourceText } from '../features/access-review/review-text.ts';
import { Button } from '../ui/Button.tsx';
import { Card, CardHeader, CardLoading } from '../ui/Card.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { Field, Select } from '../ui/Field.tsx';
import { Table, TableCard } from '../ui/Table.tsx';
import styles from './AccessReviewPage.module.css';

export function AccessReviewPage() {
  return (
    <>
      <UserReview />
      <Matrix />
    </>
  );
}

function UserReview() {
  const users = useUsers();
  const [userId, setUserId] = useState<string | null>(null);
  const review = useUserAccessReview(userId);
  const items = review.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className={styles.section} aria-labelledby="user-review-title" data-testid="user-review">
      <CardHeader id="user-review-title" title="What one person can see" />
      <div className={styles.toolbar}>
        <Field label="Person">
          <Select value={userId ?? ''} onChange={(e) => setUserId(e.target.value || null)}>
            <option value="">Choose someone…</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.status === 'deactivated' ? ' (deactivated)' : ''}
              </option>
            ))}
          </Select>
        </Field>
        {userId ? <ReviewDownloads of={{ userId }} label="this person’s review" className={styles.downloads} /> : null}
      </div>
      {userId === null ? null : review.isPending ? (
        <CardLoading label="Loading the review" />
      ) : review.isError ? (
        <ErrorNotice error={review.error} onRetry={() => void review.refetch()} />
      ) : items.length === 0 ? (
        <Card>
          <EmptyState icon="eye" title="No contacts">
            <p>This person cannot see any contact.</p>
          </EmptyState>
        </Card>
      ) : (
        <TableCard>
          <Table aria-label="Contacts this person can see">
            <thead>
              <tr>
                <th>Contact</th>
                <th>Owner</th>
                <th>Level</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.contactId} data-testid="review-row">
                  <td>
                    {c.name}
                    {c.state === 'archived' ? ' (archived)' : ''}
                  </td>
                  <td>{c.ownerName}</td>
                  <td>{levelText(c.level)}</td>
                  <td>
                    <ul className={styles.sources}>
                      {c.sources.map((s, i) => (
                        <li key={s.id ?? `${s.kind}-${i}`}>{sourceText(s)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableCard>
      )}
      {review.hasNextPage ? (
        <Button onClick={() => void review.fetchNextPage()} loading={review.isFetchingNextPage}>
          Show more
        </Button>
      ) : null}
    </section>
  );
}

function Matrix() {
  const matrix = useAccessMatrix();
  return (
    <section className={styles.section} aria-labelledby="matrix-title" data-testid="access-matrix">
      <div className={styles.toolbar}>
        <CardHeader id="matrix-title" title="Everyone × owners and buckets" />
        <ReviewDownloads of="matrix" label="the matrix" className={styles.downloads} />
      </div>
      <p className={styles.note}>
        Each cell is the level a person has on every contact of that owner (as owner, admin, through “everyone sees every contact” or a grant).
        Record shares and buckets add to it contact by contact: the bucket table shows what each bucket’s shares give.
      </p>
      {matrix.isPending ? (
        <CardLoading label="Loading the matrix" />
      ) : matrix.isError ? (
        <ErrorNotice error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : (
        <>
          <TableCard>
            <Table aria-label="People by owner">
              <thead>
                <tr>
                  <th>Person</th>
                  {matrix.data.owners.map((o) => (
                    <th key={o.id}>{o.name}’s contacts</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.data.users.map((u, i) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    {(matrix.data.ownerCells[i] ?? []).map((cell, j) => (
                      <td key={matrix.data.owners[j]?.id ?? j} title={cell.sources.map(sourceText).join(', ')} className={cell.level === 'none' ? styles.none : undefined}>
                        {levelText(cell.level)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
          </TableCard>
          {matrix.data.buckets.length > 0 ? (
            <TableCard>
              <Table aria-label="People by bucket">
                <thead>
                  <tr>
                    <th>Person</th>
                    {matrix.data.buckets.map((b) => (
                      <th key={b.id}>{b.name}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.data.users.map((u, i) => (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      {(matrix.data.bucketCells[i] ?? []).map((level, j) => (
                        <td key={matrix.data.buckets[j]?.id ?? j} className={level === 'none' ? styles.none : undefined}>
                          {levelText(level)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </TableCard>
          ) : null}
        </>
      )}
    </section>
  );
}
