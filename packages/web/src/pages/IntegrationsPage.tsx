// Integrations (spec §9 sync channels; issue 13 item 7): each signed-in user connects their own Mailchimp audience or
// Google account and pushes the contacts they can see. One card per provider (IntegrationCard), always both, with
// the gate said in words when a channel is closed to the caller. Admins reach it as a Settings tab, members from
// the sidebar (router.tsx).
import { useIntegrations } from '../features/integrations/hooks/useIntegrations.ts';
import { IntegrationCard } from '../features/integrations/components/IntegrationCard.tsx';
import { CardLoading } from '../ui/Card.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import styles from './IntegrationsPage.module.css';

export const INTEGRATIONS_INTRO = 'Send the contacts you can see to Mailchimp or Google Contacts. Each person connects their own account, and a sync sends only the contacts that person can see.';

/** `intro`: say what the page is for (inside Settings; a member's own page says it under its title). */
export function IntegrationsPage({ intro }: { intro: boolean }) {
  const integrations = useIntegrations();
  return (
    <div className={styles.list} data-testid="integrations-page">
      {intro ? <p className={styles.intro}>{INTEGRATIONS_INTRO}</p> : null}
      {integrations.isPending ? (
        <CardLoading label="Loading integrations" />
      ) : integrations.isError ? (
        <ErrorNotice error={integrations.error} onRetry={() => void integrations.refetch()} />
      ) : (
        integrations.data.map((integration) => <IntegrationCard key={integration.provider} integration={integration} />)
      )}
    </div>
  );
}
