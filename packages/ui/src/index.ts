export { I18nProvider, rememberLanguage, setLanguage, useLanguage, useT } from './components/i18n-provider';
export { AppShell, type NavItem } from './components/app-shell';
export { AuthPage } from './components/auth-page';
export { Alert, Button, Card, DataTable, Field, Select, TextInput, type DataColumn } from './components/primitives';
export { errorMessage, fieldErrorKey, fieldErrors } from './components/app-error';
export { useErrorText, type ErrorText } from './components/use-error-text';
