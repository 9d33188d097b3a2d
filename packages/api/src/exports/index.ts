export type { Cell, Column } from './table';
export { toCsvText, toCsvUtf8Bom, type CsvOptions } from './csv';
export { REPLACEMENT_MARK, toCsvShiftJis, toShiftJisSafeText } from './shift-jis';
export { toXlsx, type XlsxOptions } from './xlsx';
