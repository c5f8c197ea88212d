// The Export button of the contacts list: a menu of CSV, CSV for Excel, Excel (XLSX) and vCard, each refused format
// shown disabled with its reason (export-options.ts), or the whole button refused with one reason in a tooltip. The
// file holds the list's current search, view and filters; a spinner shows while it streams, a toast when it is saved.
import { describeError } from '../../../api/errors.ts';
import { useExportSwitch } from '../../tokens/hooks/useTokens.ts';
import { useCurrentUser } from '../../auth/hooks/useCurrentUser.ts';
import { Button } from '../../../ui/Button.tsx';
import { Menu, type MenuItem } from '../../../ui/Menu.tsx';
import { Tooltip } from '../../../ui/Tooltip.tsx';
import { useToast } from '../../../ui/Toast.tsx';
import { exportMismatch, exportOptions, exportQuery, exportRefusal } from '../export-options.ts';
import { useExportContacts } from '../hooks/useExportContacts.ts';
import type { InboxView, ListFilters } from '../hooks/useContacts.ts';

export function ExportMenu({ view, q, filters }: { view: InboxView; q: string; filters: ListFilters }) {
  const { user } = useCurrentUser();
  const settings = useExportSwitch();
  const exporting = useExportContacts();
  const toast = useToast();

  if (exporting.isPending) {
    return (
      <Button loading aria-live="polite">
        Exporting…
      </Button>
    );
  }
  // A member's gate needs the switch; until it is known, the button waits (an admin's does not depend on it).
  if (!settings.data && user.role !== 'admin') return <Button icon="download" disabled>Export</Button>;

  const options = exportOptions(user, { exportEnabled: settings.data?.exportEnabled ?? false });
  const refusal = exportRefusal(options) ?? exportMismatch(view, filters);
  if (refusal) {
    return (
      <Tooltip tip={refusal} side="bottom" focusable>
        <Button icon="download" disabled data-testid="export-refused">
          Export
        </Button>
      </Tooltip>
    );
  }

  const items: MenuItem[] = options.map((option) => ({
    label: option.label,
    disabledReason: option.reason,
    onSelect: () =>
      exporting.mutate(exportQuery(view, q, filters, option, user.id), {
        onSuccess: (file) => toast.show(file.rows === null ? 'Export ready' : `Exported ${file.rows} ${file.rows === 1 ? 'contact' : 'contacts'}`),
        onError: (error) => toast.show(describeError(error).title, 'error'),
      }),
  }));
  return <Menu label="Export" icon="download" items={items} />;
}
