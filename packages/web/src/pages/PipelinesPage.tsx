// Pipelines (spec §6.6): boards of deals in stages. The list shows every pipeline the caller sees (owned, shared with
// them; admins: all) with its owner, its stages and the caller's access; "New pipeline" writes one (a name and its
// stages) and opens its board.
import type { PipelineDto } from '@tandem/api';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { HandSharedAccessBadge } from '../features/hand-shared/index.ts';
import { PipelineDialog } from '../features/pipelines/components/PipelineDialog.tsx';
import { usePipelines } from '../features/pipelines/hooks/usePipelines.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { LinkList } from '../ui/LinkList.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

export function PipelinesPage() {
  const pipelines = usePipelines();
  const { user } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const ownerOf = (p: PipelineDto) => (p.ownerId === user.id ? 'You' : p.ownerName);
  const newButton = (
    <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
      New pipeline
    </Button>
  );

  return (
    <Page>
      <PageHeader title="Pipelines" subtitle="Deals on boards, each card linked to a contact. Private until you share them; a board shows only the contacts each person can see." actions={newButton} />
      {pipelines.isPending ? (
        <PageSpinner label="Loading pipelines" />
      ) : pipelines.isError ? (
        <ErrorNotice error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : pipelines.data.length === 0 ? (
        <EmptyState icon="activity" title="No pipelines yet" action={newButton}>
          <p>A pipeline follows deals from first contact to signature: name its stages, then add a card for each deal and move it along.</p>
        </EmptyState>
      ) : (
        <LinkList
          label="Pipelines"
          items={pipelines.data}
          keyOf={(p) => p.id}
          hrefOf={(p) => `/pipelines/${p.id}`}
          icon="activity"
          nameOf={(p) => p.name}
          nameWidth="minmax(0, 2fr)"
          phoneDetailsOf={(p) => [ownerOf(p) === 'You' ? 'Yours' : `Owned by ${ownerOf(p)}`]}
          columns={[
            { header: 'Owner', width: 'minmax(0, 1fr)', cell: ownerOf },
            { header: 'Stages', width: 'minmax(0, 2fr)', cell: (p) => p.stages.map((s) => s.name).join(' › ') },
          ]}
          trailing={{ header: 'Your access', width: '120px', cell: (p) => <HandSharedAccessBadge access={p.access} /> }}
          rowTestId="pipeline-row"
          nameTestId="pipeline-name"
        />
      )}
      {creating ? (
        <PipelineDialog
          pipeline={null}
          onClose={() => setCreating(false)}
          onSaved={(pipeline) => {
            setCreating(false);
            toast.show(`${pipeline.name} created`);
            navigate(`/pipelines/${pipeline.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
