import { describe, expect, it } from 'vitest';
import { EXPORT_CHANNELS, type ExportChannel } from '../../api/models.ts';
import { exportMismatch, exportOptions, exportQuery, exportRefusal } from './export-options.ts';
import { NO_FILTERS } from './hooks/useContacts.ts';

const member = (exportChannels: ExportChannel[]) => ({ role: 'member' as const, status: 'active' as const, exportChannels });
const allowedIds = (options: ReturnType<typeof exportOptions>) => options.filter((o) => o.block === null).map((o) => o.id);

describe('which export formats the list offers', () => {
  it('offers every format to an admin, whatever the switch and their own channels', () => {
    const options = exportOptions({ role: 'admin', status: 'active', exportChannels: [] }, { exportEnabled: false });
    expect(allowedIds(options)).toEqual(['csv', 'csv-excel', 'xlsx', 'vcard']);
    expect(exportRefusal(options)).toBeNull();
  });

  it('refuses every format to a member while the switch is off, naming the switch even with every channel', () => {
    const options = exportOptions(member([...EXPORT_CHANNELS]), { exportEnabled: false });
    expect(allowedIds(options)).toEqual([]);
    expect(new Set(options.map((o) => o.reason))).toEqual(new Set(['Your admin has turned exports off']));
    expect(exportRefusal(options)).toBe('Your admin has turned exports off');
  });

  it('with the switch on, allows exactly the member’s file channels and names each missing one', () => {
    const options = exportOptions(member(['vcard', 'api']), { exportEnabled: true });
    expect(allowedIds(options)).toEqual(['vcard']);
    expect(Object.fromEntries(options.map((o) => [o.id, o.reason]))).toEqual({
      csv: 'Your account may not export to CSV',
      'csv-excel': 'Your account may not export to CSV',
      xlsx: 'Your account may not export to Excel',
      vcard: null,
    });
    expect(exportRefusal(options)).toBeNull();
  });

  it('refuses the whole button when the switch is on but no file channel is the member’s', () => {
    const options = exportOptions(member(['api', 'mailchimp_sync']), { exportEnabled: true });
    expect(allowedIds(options)).toEqual([]);
    expect(exportRefusal(options)).toMatch(/^Your account may not export contacts/);
  });

  it('refuses a deactivated admin (the core rule checks the status first)', () => {
    const options = exportOptions({ role: 'admin', status: 'deactivated', exportChannels: [] }, { exportEnabled: true });
    expect(exportRefusal(options)).toBe('Your account is deactivated');
  });

  it('matches the gate for every combination of switch, channel and role', () => {
    for (const exportEnabled of [true, false]) {
      for (const role of ['admin', 'member'] as const) {
        for (const channel of ['csv', 'xlsx', 'vcard'] as const) {
          for (const has of [true, false]) {
            const option = exportOptions({ role, status: 'active', exportChannels: has ? [channel] : [] }, { exportEnabled }).find((o) => o.id === channel);
            expect(option?.block === null).toBe(role === 'admin' || (exportEnabled && has));
          }
        }
      }
    }
  });
});

describe('the export query', () => {
  it('carries the list’s search, archived view, owner and bucket, the format and the BOM, and no paging', () => {
    const query = exportQuery('archived', 'anna', { ...NO_FILTERS, ownerId: 'u1', bucketId: 'b1', sort: 'created' }, { format: 'csv', bom: true }, 'me');
    expect(query).toEqual({ format: 'csv', bom: true, q: 'anna', archived: true, ownerId: 'u1', bucketId: 'b1' });
  });
  it('turns the view “Mine” into the caller as owner, and sends no BOM unless asked', () => {
    const query = exportQuery('mine', '', NO_FILTERS, { format: 'vcard', bom: false }, 'me');
    expect(query).toEqual({ format: 'vcard', q: undefined, archived: undefined, ownerId: 'me', bucketId: undefined });
    expect(query).not.toHaveProperty('bom');
  });
  it('says when the list shows what an export cannot reproduce', () => {
    expect(exportMismatch('all', NO_FILTERS)).toBeNull();
    expect(exportMismatch('archived', NO_FILTERS)).toBeNull();
    expect(exportMismatch('trash', NO_FILTERS)).toMatch(/trash/);
    expect(exportMismatch('shared', NO_FILTERS)).toMatch(/Shared with me/);
    expect(exportMismatch('all', { tag: 'vip' })).toMatch(/tag/);
  });
});
