// The dialogs are shared by both apps (packages/ui); the people screens keep importing them from here.
export { ConfirmDialog, Dialog, FormActions, dialogButtons as buttons } from '@telework/ui';
