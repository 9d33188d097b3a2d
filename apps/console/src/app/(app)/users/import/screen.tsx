'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, DataTable, Field, useT, type DataColumn } from '@telework/ui';
import { importTemplateText, MAX_IMPORT_ROWS } from '@telework/api/user-import-columns';
import { useTRPC } from '@/trpc/client';
import { usePeopleError } from '@/components/people/use-people-error';


const UTF8_BOM = '\ufeff';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function download(name: string, text: string) {
  // With a BOM, so Excel reads the file as UTF-8.
  const url = URL.createObjectURL(new Blob([UTF8_BOM + text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export default function UserImportPage() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const [file, setFile] = useState<string | null>(null);
  const preview = useMutation(trpc.users.importPreview.mutationOptions());
  const apply = useMutation(
    trpc.users.importApply.mutationOptions({ onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }) }),
  );

  // The workbook is built by the API (exceljs stays out of the browser bundle).
  const downloadXlsxTemplate = async () => {
    const file = await queryClient.fetchQuery({ ...trpc.users.importTemplate.queryOptions(), staleTime: Infinity });
    const url = URL.createObjectURL(new Blob([Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0))], { type: file.contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.click();
    URL.revokeObjectURL(url);
  };

  const choose = async (f: File | undefined) => {
    preview.reset();
    apply.reset();
    setFile(f ? toBase64(new Uint8Array(await f.arrayBuffer())) : null);
  };

  const result = preview.data;
  type Row = NonNullable<typeof result>['rows'][number];
  const columns: DataColumn<Row>[] = [
    { key: 'line', header: t('usersImport.line'), cell: (r) => r.line },
    { key: 'loginId', header: t('users.loginId'), cell: (r) => <code>{r.loginId}</code> },
    { key: 'name', header: t('users.name'), cell: (r) => r.name },
    { key: 'role', header: t('users.role'), cell: (r) => (r.role ? t(`role.${r.role}`) : '—') },
    { key: 'email', header: t('users.email'), cell: (r) => r.email ?? '—' },
    { key: 'groups', header: t('users.groups'), cell: (r) => r.groups.join(', ') || '—' },
    {
      key: 'problems',
      header: t('usersImport.problems'),
      cell: (r) =>
        r.problems.length === 0 ? (
          t('usersImport.ok')
        ) : (
          <span className="tw-error" data-testid={`import-problems-${r.line}`}>
            {r.problems.map((p) => t(`usersImport.problem.${p}`)).join(' / ')}
          </span>
        ),
    },
  ];
  const created = apply.data?.created;
  const previewError = peopleError(preview.error);
  const applyError = peopleError(apply.error);
  const canApply = !!result && result.badRows === 0 && result.rows.length > 0 && result.seats.enough && !created;

  return (
    <>
      <h1>{t('usersImport.title')}</h1>
      <p>
        <a href="/users" className="tw-button tw-button-link">
          {t('usersImport.back')}
        </a>
      </p>
      <Card
        title={t('usersImport.file')}
        actions={
          <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button variant="secondary" data-testid="import-template" onClick={() => download('users-template.csv', importTemplateText())}>
              {t('usersImport.template')}
            </Button>
            <Button variant="secondary" data-testid="import-template-xlsx" onClick={() => void downloadXlsxTemplate()}>
              {t('usersImport.templateXlsx')}
            </Button>
          </span>
        }
      >
        <p>{t('usersImport.intro')}</p>
        <p className="tw-muted">{t('usersImport.columns', { max: MAX_IMPORT_ROWS })}</p>
        <Field label={t('usersImport.file')} htmlFor="import-file" error={previewError.fields.file}>
          <input id="import-file" type="file" accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="import-file" onChange={(e) => void choose(e.target.files?.[0])} />
        </Field>
        {previewError.message ? <Alert>{previewError.message}</Alert> : null}
        <Button disabled={!file || preview.isPending} data-testid="import-preview" onClick={() => file && preview.mutate({ file })}>
          {t('usersImport.preview')}
        </Button>
      </Card>

      {result ? (
        <Card title={t('usersImport.summary', { count: result.rows.length, bad: result.badRows })}>
          <p className="tw-muted" data-testid="import-encoding">
            {t('usersImport.encoding', { encoding: t(`usersImport.enc.${result.encoding}`) })}
          </p>
          {result.badRows === 0 ? <Alert tone="info">{t('usersImport.allGood')}</Alert> : <Alert>{t('usersImport.rowsBad')}</Alert>}
          {!result.seats.enough ? <Alert>{t('usersImport.seatsShort', { used: result.seats.used, adding: result.seats.adding, allowed: result.seats.allowed })}</Alert> : null}
          <DataTable columns={columns} rows={result.rows} rowKey={(r) => String(r.line)} empty={t('common.none')} />
          {applyError.message ? <Alert>{applyError.message}</Alert> : null}
          {canApply ? (
            <Button disabled={apply.isPending} data-testid="import-apply" onClick={() => file && apply.mutate({ file })}>
              {t('usersImport.apply', { count: result.rows.length })}
            </Button>
          ) : null}
        </Card>
      ) : null}

      {created ? (
        <Card
          title={t('usersImport.password')}
          actions={
            <Button
              variant="secondary"
              onClick={() =>
                download('users-initial-passwords.csv', [[t('users.loginId'), t('users.name'), t('usersImport.password')], ...created.map((u) => [u.loginId, u.name, u.initialPassword])].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n')
              }
            >
              {t('usersImport.downloadPasswords')}
            </Button>
          }
        >
          <Alert tone="success">
            <span data-testid="import-done">{t('usersImport.done', { count: created.length })}</span>
          </Alert>
          <DataTable
            columns={[
              { key: 'loginId', header: t('users.loginId'), cell: (u) => <code>{u.loginId}</code> },
              { key: 'name', header: t('users.name'), cell: (u) => u.name },
              { key: 'password', header: t('usersImport.password'), cell: (u) => <code data-testid={`import-password-${u.loginId}`}>{u.initialPassword}</code> },
            ]}
            rows={created}
            rowKey={(u) => u.loginId}
            empty={t('common.none')}
          />
        </Card>
      ) : null}
    </>
  );
}
