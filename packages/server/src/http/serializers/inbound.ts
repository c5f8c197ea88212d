// An unmatched reply as GET /inbound/unmatched answers it (@tandem/api inbound.ts).
import type { UnmatchedReplyDto } from '@tandem/api';
import type { UnmatchedRow } from '../../storage/inbound-queries.ts';

export function toUnmatchedDto(row: UnmatchedRow): UnmatchedReplyDto {
  return {
    id: row.id, channel: row.channel, reason: row.reason, ownerId: row.owner_id, fromAddress: row.from_address,
    toAddress: row.to_address, subject: row.subject, body: row.body, messageId: row.external_id, receivedAt: row.received_at.toISOString(),
  };
}
