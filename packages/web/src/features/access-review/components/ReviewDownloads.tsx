// CSV and Excel downloads of a review: plain links (GET with the session cookie); the server audits each download.
import { buttonClass } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { reviewFileUrl } from '../hooks/useAccessReview.ts';

export function ReviewDownloads({ of, label, className }: { of: { userId: string } | 'matrix'; label: string; className?: string }) {
  return (
    <div className={className} role="group" aria-label={`Download ${label}`}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a key={format} className={buttonClass({ size: 'sm' })} href={reviewFileUrl(of, format)} download data-testid={`download-${format}`}>
          <Icon name="download" size={14} />
          {format === 'csv' ? 'CSV' : 'Excel'}
        </a>
      ))}
    </div>
  );
}
