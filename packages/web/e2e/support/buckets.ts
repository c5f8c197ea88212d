// API shortcuts for buckets, on top of an actor's Api (plain fetch with the actor's bearer token).
import type { Bucket, BucketShare, Grantee, ShareLevel } from '../../src/api/models.ts';
import type { Actor } from './api.ts';

export async function createBucket(actor: Actor, name: string, contactIds: string[] = []): Promise<Bucket> {
  const { bucket } = await actor.api.request<{ bucket: Bucket }>('POST', '/buckets', { name });
  if (contactIds.length === 0) return bucket;
  return (await actor.api.request<{ bucket: Bucket }>('POST', `/buckets/${bucket.id}/contacts`, { contactIds })).bucket;
}

export async function shareBucket(actor: Actor, bucketId: string, grantee: Grantee, level: ShareLevel, window: { startsAt?: string; expiresAt?: string } = {}): Promise<BucketShare> {
  return (await actor.api.request<{ share: BucketShare }>('POST', `/buckets/${bucketId}/shares`, { grantee, level, ...window })).share;
}

export async function bucketShares(actor: Actor, bucketId: string): Promise<BucketShare[]> {
  return (await actor.api.request<{ items: BucketShare[] }>('GET', `/buckets/${bucketId}/shares`)).items;
}

/** The HTTP status the actor gets for a contact: 200 while they see it, 404 once they do not. */
export async function contactStatus(actor: Actor, contactId: string): Promise<number> {
  const res = await fetch(`${actor.api.baseUrl}/api/v1/contacts/${contactId}`, { headers: { authorization: `Bearer ${actor.api.token}` } });
  return res.status;
}

/** A datetime-local value (the browser runs in UTC) `days` from now, to the minute. */
export function localInDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 16);
}
