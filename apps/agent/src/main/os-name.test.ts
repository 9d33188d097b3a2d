import { describe, expect, it } from 'vitest';
import { osName } from './os-name';

describe('osName', () => {
  it('names Windows by its build, as Microsoft documents them', () => {
    expect(osName('win32', '10.0.22631')).toBe('Windows 11'); // 23H2
    expect(osName('win32', '10.0.22000')).toBe('Windows 11'); // the first release
    expect(osName('win32', '10.0.19045')).toBe('Windows 10'); // 22H2
    expect(osName('win32', '6.3.9600')).toBe('Windows'); // 8.1
  });

  it('names the other platforms, and passes an unknown one through', () => {
    expect(osName('darwin', '24.1.0')).toBe('macOS');
    expect(osName('linux', '6.12.0')).toBe('Linux');
    expect(osName('freebsd', '14.1')).toBe('freebsd');
  });
});
