'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ConfirmDialog, CorrectionSummary, DataTable, Dialog, PrivacyStatusBadge, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { PrivacyRequestForm, type PrivacyRequestValue } from '@/components/operations/privacy-request-form';
import type { PrivacyRequestRow } from '@/components/operations/types';

/** Hands a text file to the browser as a download. */
function saveFile(filename: string, contentType: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export default function PrivacyPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const requests = useQuery(trpc.privacy.list.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const submit = useMutation(trpc.privacy.request.mutationOptions());
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<PrivacyRequestValue | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [download, setDownload] = useState<{ id: string; error: unknown } | null>(null);


  const close = () => {
    submit.reset();
    setCreating(false);
    setConfirmDelete(null);
  };
  const send = (v: PrivacyRequestValue) =>
    submit.mutate(
      {
        kind: v.kind,
        subjectUserId: v.subjectUserId,
        details: v.details || null,
        format: v.format,
        correction: v.kind === 'CORRECT' && Object.keys(v.correction).length > 0 ? v.correction : null,
      },
      {
        onSuccess: () => {
          setSubmitted(true);
          close();
          void queryClient.invalidateQueries({ queryKey: trpc.privacy.pathKey() });
        },
      },
    );
  const fetchExport = async (r: PrivacyRequestRow) => {
    setDownload({ id: r.id, error: null });
    try {
      const file = await queryClient.fetchQuery({ ...trpc.privacy.download.queryOptions({ requestId: r.id }), staleTime: 0 });
      saveFile(file.filename, file.contentType, file.body);
      setDownload(null);
    } catch (error) {
      setDownload({ id: r.id, error });
    }
  };

  const columns: DataColumn<PrivacyRequestRow>[] = [
    { key: 'created', header: t('ops.privacy.requestedAt'), cell: (r) => formatJst(r.createdAt, lang) },
    { key: 'kind', header: t('ops.privacy.kind'), cell: (r) => t(`ops.privacy.kind.${r.kind}`) },
    { key: 'subject', header: t('ops.privacy.subject'), cell: (r) => (r.subjectUserId ? r.subjectDescription : t('ops.privacy.deletedPerson')) },
    { key: 'correction', header: t('ops.privacy.correction'), cell: (r) => <CorrectionSummary correction={r.correction} /> },
    { key: 'status', header: t('ops.privacy.status'), cell: (r) => <PrivacyStatusBadge status={r.status} /> },
    { key: 'completed', header: t('ops.privacy.completedAt'), cell: (r) => (r.completedAt ? formatJst(r.completedAt, lang) : '—') },
    {
      key: 'actions',
      header: t('people.actions'),
      cell: (r) =>
        r.kind === 'DISCLOSE' && r.status === 'COMPLETED' && r.exportBlobKey ? (
          <Button variant="link" disabled={download?.id === r.id && !download.error} onClick={() => void fetchExport(r)} data-testid={`download-${r.id}`}>
            {t('common.download')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <h1>{t('ops.privacy.title')}</h1>
      <p className="tw-muted">{t('ops.privacy.intro')}</p>
      {submitted ? <Alert tone="success">{t('ops.privacy.submitted')}</Alert> : null}
      {download?.error ? <Alert>{opsError(download.error).message}</Alert> : null}
      <Card actions={<Button onClick={() => setCreating(true)}>{t('ops.privacy.new')}</Button>}>
        {requests.error ? <Alert>{opsError(requests.error).message}</Alert> : null}
        <DataTable columns={columns} rows={requests.data ?? []} rowKey={(r) => r.id} empty={requests.isLoading ? t('common.loading') : t('ops.privacy.none')} />
      </Card>
      {creating && !confirmDelete ? (
        <Dialog title={t('ops.privacy.new')} onClose={close} wide>
          <PrivacyRequestForm
            users={users.data ?? []}
            err={opsError(submit.error)}
            pending={submit.isPending}
            onCancel={close}
            onSubmit={(v) => (v.kind === 'DELETE' ? setConfirmDelete(v) : send(v))}
          />
        </Dialog>
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          message={t('ops.privacy.deleteConfirm', { name: (users.data ?? []).find((u) => u.id === confirmDelete.subjectUserId)?.name ?? '' })}
          confirmLabel={t('ops.privacy.deleteConfirmButton')}
          danger
          pending={submit.isPending}
          error={opsError(submit.error).message}
          onClose={close}
          onConfirm={() => send(confirmDelete)}
        />
      ) : null}
    </>
  );
}
