export { I18nProvider, useLanguage, useT, setLanguage } from './components/i18n-provider';
export { AppShell, type NavItem } from './components/app-shell';
export { Alert, Button, Card, DataTable, Field, Select, TextInput, type DataColumn } from './components/primitives';
export { errorMessage, fieldErrors } from './components/app-error';
