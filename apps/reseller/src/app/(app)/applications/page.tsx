import { ApplicationList } from '@/components/contracts/application-list';

export default function ApplicationsPage() {
  return <ApplicationList />;
}
