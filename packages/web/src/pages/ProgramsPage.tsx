// Programs (spec §6.6): drip sequences of templated messages. The list shows every program the caller sees (owned,
// shared with them; admins: all) with its owner, how many steps it has, its enrolments by status (of contacts the
// caller sees) and the caller's access; "New program" writes one (a name and its steps) and opens it.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ProgramDto } from '@tandem/api';
import { useCurrentUser } from '../features/auth/hooks/useCurrentUser.ts';
import { countOf } from '../features/buckets/add-contacts.ts';
import { HandSharedAccessBadge } from '../features/hand-shared/index.ts';
import { NewProgramDialog } from '../features/programs/components/NewProgramDialog.tsx';
import { usePrograms } from '../features/programs/hooks/usePrograms.ts';
import { countsText } from '../features/programs/program-words.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorNotice } from '../ui/ErrorNotice.tsx';
import { LinkList } from '../ui/LinkList.tsx';
import { Page, PageHeader } from '../ui/Page.tsx';
import { PageSpinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

export function ProgramsPage() {
  const programs = usePrograms();
  const { user } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const ownerOf = (p: ProgramDto) => (p.ownerId === user.id ? 'You' : p.ownerName);
  const newButton = (
    <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
      New program
    </Button>
  );

  return (
    <Page>
      <PageHeader title="Programs" subtitle="Drip sequences of templated messages, sent on each contact owner’s behalf. Private until you share them." actions={newButton} />
      {programs.isPending ? (
        <PageSpinner label="Loading programs" />
      ) : programs.isError ? (
        <ErrorNotice error={programs.error} onRetry={() => void programs.refetch()} />
      ) : programs.data.length === 0 ? (
        <EmptyState icon="send" title="No programs yet" action={newButton}>
          <p>A program sends a series of templates to each contact you enrol, days apart, and stops by itself for a contact you no longer collaborate on.</p>
        </EmptyState>
      ) : (
        <LinkList
          label="Programs"
          items={programs.data}
          keyOf={(p) => p.id}
          hrefOf={(p) => `/programs/${p.id}`}
          icon="send"
          nameOf={(p) => p.name}
          phoneDetailsOf={(p) => [`${ownerOf(p) === 'You' ? 'Yours' : `Owned by ${ownerOf(p)}`} · ${countOf(p.steps.length, 'step', 'steps')}`, countsText(p.counts)]}
          columns={[
            { header: 'Owner', width: 'minmax(0, 1.2fr)', cell: ownerOf },
            { header: 'Steps', width: '70px', numeric: true, cell: (p) => p.steps.length },
            { header: 'Enrolments', width: 'minmax(0, 1.6fr)', wrap: true, cell: (p) => countsText(p.counts), testId: 'program-counts' },
          ]}
          trailing={{ header: 'Your access', width: '130px', cell: (p) => <HandSharedAccessBadge access={p.access} /> }}
          rowTestId="program-row"
          nameTestId="program-name"
        />
      )}
      {creating ? (
        <NewProgramDialog
          onClose={() => setCreating(false)}
          onCreated={(program) => {
            setCreating(false);
            toast.show(`${program.name} created`);
            navigate(`/programs/${program.id}`);
          }}
        />
      ) : null}
    </Page>
  );
}
