// The access review's answers (D38) from the domain views; the shapes are @tandem/api's access-review.ts.
import type { AccessMatrixDto, UserAccessReviewDto } from '@tandem/api';
import type { AccessMatrix } from '../../domain/access-review/access-matrix.ts';
import type { UserAccessReview } from '../../domain/access-review/review-user.ts';
import { toSourceDto } from './explanation.ts';

export function toUserAccessReviewDto(view: UserAccessReview): UserAccessReviewDto {
  return { user: view.user, items: view.items.map((c) => ({ ...c, sources: c.sources.map(toSourceDto) })), nextCursor: view.nextCursor };
}

export function toAccessMatrixDto(view: AccessMatrix): AccessMatrixDto {
  return view;
}
