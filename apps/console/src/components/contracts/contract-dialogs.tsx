'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, numberOrMissing, TextInput, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.contracts.pathKey() });
}

/** 第10条: a direct customer's administrator asks for the next term (there is no automatic renewal). */
export function RenewalRequest({ contract, onClose }: { contract: { id: string }; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const contractError = useContractError();
  const [seats, setSeats] = useState('');
  const request = useMutation(trpc.contracts.requestRenewal.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(request.error);
  return (
    <Dialog title={t('renewal.title')} onClose={onClose}>
      <p className="tw-muted">{t('renewal.hint')}</p>
      {request.isSuccess ? <Alert tone="success">{t('renewal.submitted')}</Alert> : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('renewal.seats')} htmlFor="renewal-seats" error={err.fields.seats}>
        <TextInput id="renewal-seats" type="number" inputMode="numeric" value={seats} onChange={(e) => setSeats(e.target.value)} />
      </Field>
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button disabled={request.isPending || request.isSuccess} onClick={() => request.mutate({ contractId: contract.id, seats: seats.trim() ? numberOrMissing(seats) : undefined })}>
          {t('renewal.request')}
        </Button>
      </div>
    </Dialog>
  );
}

const FIELDS = ['companyName', 'postalCode', 'address', 'phone'] as const;

/**
 * 第4条3項: a registered administrator reports changed details: name, address, phone, and which of the
 * console's administrators are the registered administrators from now on. The provider records it.
 */
export function DetailsReport({ onClose }: { onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const contractError = useContractError();
  const admins = useQuery(trpc.contracts.administrators.queryOptions());
  const [form, setForm] = useState<Record<(typeof FIELDS)[number] | 'note', string>>({ companyName: '', postalCode: '', address: '', phone: '', note: '' });
  const [changeAdmins, setChangeAdmins] = useState(false);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const registered = chosen ?? new Set((admins.data ?? []).filter((a) => a.isRegisteredAdministrator).map((a) => a.id));
  const report = useMutation(trpc.contracts.reportDetails.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(report.error);
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  const toggle = (id: string) => {
    const next = new Set(registered);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  return (
    <Dialog title={t('details.title')} onClose={onClose}>
      <p className="tw-muted">{t('details.hint')}</p>
      {report.isSuccess ? <Alert tone="success">{t('details.submitted')}</Alert> : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      {FIELDS.map((k) => (
        <Field key={k} label={t(`details.${k}`)} htmlFor={`details-${k}`} error={err.fields[k]}>
          <TextInput id={`details-${k}`} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
        </Field>
      ))}
      <label className="tw-check" htmlFor="details-change-admins">
        <input id="details-change-admins" type="checkbox" checked={changeAdmins} onChange={(e) => setChangeAdmins(e.target.checked)} />
        {t('details.changeAdministrators')}
      </label>
      {changeAdmins ? (
        <fieldset className="tw-fieldset">
          <legend>{t('details.administrators')}</legend>
          {err.fields.administratorUserIds ? <Alert>{err.fields.administratorUserIds}</Alert> : null}
          {(admins.data ?? []).map((a) => (
            <label key={a.id} className="tw-check" htmlFor={`details-admin-${a.id}`}>
              <input id={`details-admin-${a.id}`} type="checkbox" checked={registered.has(a.id)} onChange={() => toggle(a.id)} />
              {a.name}
              {a.department ? `（${a.department}）` : ''} {a.email ? `<${a.email}>` : ''}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label={t('details.note')} htmlFor="details-note" error={err.fields.note}>
        <TextInput id="details-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </Field>
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button
          disabled={report.isPending || report.isSuccess}
          onClick={() =>
            report.mutate({
              companyName: optional(form.companyName), postalCode: optional(form.postalCode), address: optional(form.address), phone: optional(form.phone),
              administratorUserIds: changeAdmins ? [...registered] : undefined, note: optional(form.note),
            })
          }
        >
          {t('details.report')}
        </Button>
      </div>
    </Dialog>
  );
}
