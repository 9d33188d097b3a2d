'use client';
import { useParams } from 'next/navigation';
import { Alert, useT } from '@telework/ui';
import { IncidentDetail } from '@/components/evidence/incident-detail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function IncidentPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  // A mistyped link is simply not found, rather than an input error.
  if (!UUID.test(id)) return <Alert>{t('error.NOT_FOUND')}</Alert>;
  return <IncidentDetail incidentId={id} />;
}
