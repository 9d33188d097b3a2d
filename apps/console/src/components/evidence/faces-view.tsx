'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, ConfirmDialog, Field, useLanguage, useT } from '@telework/ui';
import { formatJst, type MessageKey } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';
import { EvidenceImage } from './evidence-image';
import { fitForUpload, NotAnImageError, uploadFaceImage, type UploadRefusal } from './face-upload';
import { UserSelect } from './user-select';
import { useUrlFilters } from './use-url-filters';

type FaceRow = inferRouterOutputs<ConsoleRouter>['evidence']['faces'][number];

// The upload route's refusal reasons, said in words the administrator can act on.
const REASONS: Record<string, MessageKey> = {
  FACE_NOT_FOUND: 'faces.reason.FACE_NOT_FOUND',
  FACE_MULTIPLE: 'faces.reason.FACE_MULTIPLE',
  FACE_TOO_SMALL: 'faces.reason.FACE_TOO_SMALL',
  FACE_BLURRED: 'faces.reason.FACE_BLURRED',
  FACE_UNCLEAR: 'faces.reason.FACE_UNCLEAR',
  NOT_AN_IMAGE: 'faces.reason.NOT_AN_IMAGE',
  CORRUPT_IMAGE: 'faces.reason.CORRUPT_IMAGE',
  DIMENSIONS_TOO_LARGE: 'faces.reason.DIMENSIONS_TOO_LARGE',
  TOO_LARGE: 'faces.reason.TOO_LARGE',
  CAPTURE_MODE_FORBIDS: 'faces.reason.CAPTURE_MODE_FORBIDS',
};

const FILTERS = ['userId'] as const;

/** Administrators: a user's face images (several per user), added from a file or by the agent, deleted with confirmation. */
export function FacesView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const userId = filters.userId;
  const users = useQuery(trpc.users.list.queryOptions());
  const user = users.data?.find((u) => u.id === userId);
  const faces = useQuery({ ...trpc.evidence.faces.queryOptions({ userId }), enabled: Boolean(userId) });
  const [deleting, setDeleting] = useState<FaceRow | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const remove = useMutation(trpc.evidence.deleteFace.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.evidence.faces.pathKey() });
  const closeDelete = () => {
    remove.reset();
    setDeleting(null);
  };
  const name = user?.name ?? '';

  return (
    <>
      <h1>{t('faces.title')}</h1>
      <Card>
        <p className="tw-muted">{t('faces.intro')}</p>
        <div className="tw-toolbar">
          <UserSelect
            id="faces-user"
            label={t('faces.user')}
            promptLabel={t('faces.chooseUser')}
            value={userId}
            onChange={(id) => {
              setNotice(null);
              setFilters({ userId: id });
            }}
          />
        </div>
      </Card>
      {userId ? (
        <>
          <Card title={t('faces.add')}>
            <FaceUploadForm
              key={userId}
              userId={userId}
              onAdded={async () => {
                setNotice(null);
                await refresh();
              }}
            />
          </Card>
          <Card title={faces.data ? <span data-testid="faces-count">{t('faces.count', { count: faces.data.length })}</span> : t('common.loading')}>
            {notice ? <Alert tone="success">{t(notice)}</Alert> : null}
            {faces.error ? <Alert>{errorText(faces.error).message}</Alert> : null}
            {faces.data && faces.data.length === 0 ? <p className="tw-muted">{t('faces.empty')}</p> : null}
            <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 16 }}>
              {(faces.data ?? []).map((f) => {
                const date = formatJst(f.createdAt, lang);
                return (
                  <li key={f.id} data-testid={`face-${f.id}`}>
                    {/* A descriptor-only enrolment (verdict-only mode) has no photo, by the organisation's choice. */}
                    {f.imageUrl ? (
                      <EvidenceImage src={f.imageUrl} label={t('faces.title')} alt={t('faces.thumbAlt', { name, date })} testId="face-thumb" />
                    ) : (
                      <p className="tw-muted" data-testid="face-descriptor-only">{t('faces.descriptorOnly')}</p>
                    )}
                    <p style={{ margin: '6px 0 0' }}>{t(`faces.source.${f.source}`)}</p>
                    <p className="tw-muted" style={{ margin: 0 }}>
                      {date}
                      {f.width !== null && f.height !== null ? ` · ${t('faces.size', { width: f.width, height: f.height })}` : ''}
                    </p>
                    <Button variant="link" onClick={() => setDeleting(f)}>
                      {t('common.delete')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          </Card>
        </>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          message={t('faces.deleteConfirm', { name, date: formatJst(deleting.createdAt, lang) })}
          confirmLabel={t('common.delete')}
          danger
          pending={remove.isPending}
          error={errorText(remove.error).message}
          onClose={closeDelete}
          onConfirm={() =>
            remove.mutate(
              { faceImageId: deleting.id },
              {
                onSuccess: async () => {
                  setNotice('faces.deleted');
                  await refresh();
                  closeDelete();
                },
              },
            )
          }
        />
      ) : null}
    </>
  );
}

function FaceUploadForm({ userId, onAdded }: { userId: string; onAdded: () => Promise<void> }) {
  const t = useT();
  const errorText = useErrorText();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState(false);

  const explain = (refusal: UploadRefusal): string => {
    const key = refusal.reason ? REASONS[refusal.reason] : undefined;
    if (key) {
      const params = Object.fromEntries(Object.entries(refusal).filter((e): e is [string, number] => typeof e[1] === 'number'));
      return t(key, params);
    }
    return errorText({ data: { appCode: refusal.error ?? null, fieldErrors: refusal.fieldErrors ?? null } }).message ?? t('error.UNKNOWN');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setError(t('faces.noFile'));
      return;
    }
    setPending(true);
    setError(null);
    setAdded(false);
    try {
      const result = await uploadFaceImage(userId, await fitForUpload(file));
      if (!result.ok) {
        setError(explain(result.refusal));
        return;
      }
      if (input.current) input.current.value = '';
      setAdded(true);
      await onAdded();
    } catch (err) {
      setError(err instanceof NotAnImageError ? t('faces.notImage') : t('error.UNKNOWN'));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="tw-form" onSubmit={(e) => void submit(e)} noValidate>
      {added ? <Alert tone="success">{t('faces.added')}</Alert> : null}
      <Field label={t('faces.file')} htmlFor="face-file" hint={t('faces.fileHint')} error={error}>
        <input
          ref={input}
          id="face-file"
          type="file"
          accept="image/jpeg,image/png"
          className="tw-input"
          onChange={() => {
            setError(null);
            setAdded(false);
          }}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t('faces.uploading') : t('faces.upload')}
      </Button>
    </form>
  );
}
