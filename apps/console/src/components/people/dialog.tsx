// The dialogs moved to the shared UI (the reseller app uses them too); the people screens keep this import.
export { ConfirmDialog, Dialog, dialogButtons as buttons } from '@telework/ui';
