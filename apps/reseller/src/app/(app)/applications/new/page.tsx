import { ApplicationForm } from '@/components/contracts/application-form';

export default function NewApplicationPage() {
  return <ApplicationForm />;
}
