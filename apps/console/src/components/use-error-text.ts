// Kept so screens import the error hook from one place in the app; it lives in the shared UI.
export { useErrorText } from '@telework/ui';
