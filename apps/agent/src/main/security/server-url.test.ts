import { describe, expect, it } from 'vitest';
import { assertServerUrl, InsecureServerUrlError } from './server-url';

describe('assertServerUrl', () => {
  it.each([
    ['https://telework.example.jp', 'https://telework.example.jp/'],
    ['  https://telework.example.jp/tenant-a  ', 'https://telework.example.jp/tenant-a'],
    ['https://telework.example.jp:8443/', 'https://telework.example.jp:8443/'],
    ['http://localhost:3000', 'http://localhost:3000/'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000/'],
    ['http://[::1]:3000/', 'http://[::1]:3000/'],
    ['HTTP://LOCALHOST:3000', 'http://localhost:3000/'],
  ])('accepts %s', (input, normalised) => {
    expect(assertServerUrl(input).href).toBe(normalised);
  });

  it.each([
    ['http://telework.example.jp', 'https is required'],
    ['http://192.168.1.10:3000', 'https is required'],
    ['http://localhost.evil.example', 'https is required'],
    ['http://127.0.0.2', 'https is required'],
    ['http://[::2]', 'https is required'],
    ['ftp://telework.example.jp', 'unsupported scheme'],
    ['file:///etc/passwd', 'unsupported scheme'],
    ['https://user:secret@telework.example.jp', 'credentials'],
    ['https://telework.example.jp/?next=evil', 'query or fragment'],
    ['telework.example.jp', 'not a URL'],
    ['', 'not a URL'],
  ])('rejects %s', (input, reason) => {
    expect(() => assertServerUrl(input)).toThrow(InsecureServerUrlError);
    expect(() => assertServerUrl(input)).toThrow(reason);
  });
});
