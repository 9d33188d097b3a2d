// The columns of the user import file: pure data, imported by the console too (template download and
// the preview's headings), so the file the template offers is the file the parser reads.

export const IMPORT_COLUMNS = ['loginId', 'name', 'email', 'department', 'role', 'language', 'groups'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names accepted per column: the template's Japanese heading first, then English ones. */
export const IMPORT_HEADERS: Record<ImportColumn, readonly string[]> = {
  loginId: ['ユーザID', 'ログインID', 'loginId', 'login id', 'user id'],
  name: ['氏名', 'name'],
  email: ['メールアドレス', 'email', 'e-mail'],
  department: ['部署', 'department'],
  role: ['権限', 'role'],
  language: ['表示言語', 'language'],
  groups: ['所属グループ', 'groups'],
};

/** Role cells: the code or its Japanese / English label (as the console shows them). */
export const ROLE_NAMES: Record<'ADMIN' | 'MANAGER' | 'WORKER', readonly string[]> = {
  ADMIN: ['ADMIN', '管理者', 'Administrator'],
  MANAGER: ['MANAGER', '勤務管理者', 'Manager'],
  WORKER: ['WORKER', '勤務者', 'Worker'],
};

/** Several groups in one cell are separated by "|" (a comma would need quoting in Excel's CSV). */
export const GROUP_SEPARATOR = '|';

/** Rows per file: every row's password is hashed inside the one transaction that applies the file (measured on the shared 2-core machine: 30 hashes 0.6 s, 200 hashes 3.0 s, against Prisma's 5 s transaction limit). */
export const MAX_IMPORT_ROWS = 100;
/** Bytes per file (sent base64 in one tRPC string, which the input guard caps at 65 536 characters). */
export const MAX_IMPORT_BYTES = 48_000;

/** The template file's text: the Japanese headings and one example row. */
export function importTemplateText(): string {
  const header = IMPORT_COLUMNS.map((c) => IMPORT_HEADERS[c][0]).join(',');
  return `${header}\r\nyamada.taro,山田 太郎,taro@example.jp,営業部,勤務者,ja,営業部\r\n`;
}
