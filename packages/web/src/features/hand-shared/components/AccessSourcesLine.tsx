// One line under a template's, pipeline's or program's title saying why the caller has access to it ("You own it",
// "Shared with you at Can change by Ben", "Through team Sales at Can use", "You are an admin").
import { Icon } from '../../../ui/Icon.tsx';
import { accessSourcesSentence, type HandSharedAccess } from '../hand-shared-text.ts';
import styles from './HandSharedSharesCard.module.css';

export function AccessSourcesLine({ access }: { access: Pick<HandSharedAccess, 'sources'> }) {
  return (
    <p className={styles.sources} data-testid="access-sources">
      <Icon name="info" size={14} />
      <span>{accessSourcesSentence(access)}</span>
    </p>
  );
}
