import { Icon } from '../../../ui/Icon.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import styles from './SharedIcon.module.css';

/** Marks a contact shared with you (a share, a grant or a bucket share: `access.sharedWithYou`); hovering names the owner. */
export function SharedIcon({ ownerName }: { ownerName: string }) {
  return (
    <Tooltip tip={`Shared with you · owned by ${ownerName}`}>
      <span className={styles.icon} data-testid="shared-icon" aria-label={`Shared with you, owned by ${ownerName}`}>
        <Icon name="users" size={13} />
      </span>
    </Tooltip>
  );
}
