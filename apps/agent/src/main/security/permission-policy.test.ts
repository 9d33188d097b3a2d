import { describe, expect, it } from 'vitest';
import { allowPermissionCheck, allowPermissionRequest } from './permission-policy';

const app = 'app://agent/index.html';
type Details = Parameters<typeof allowPermissionRequest>[1];

describe('allowPermissionRequest', () => {
  it('grants the camera to the app page', () => {
    expect(allowPermissionRequest('media', { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
  });

  it.each<[string, string, Details]>([
    ['microphone', 'media', { requestingUrl: app, isMainFrame: true, mediaTypes: ['audio'] }],
    ['camera + microphone', 'media', { requestingUrl: app, isMainFrame: true, mediaTypes: ['video', 'audio'] }],
    ['media with no type', 'media', { requestingUrl: app, isMainFrame: true }],
    ['a sub-frame', 'media', { requestingUrl: app, isMainFrame: false, mediaTypes: ['video'] }],
    ['another origin', 'media', { requestingUrl: 'https://example.com/', isMainFrame: true, mediaTypes: ['video'] }],
    ['a file page', 'media', { requestingUrl: 'file:///tmp/x.html', isMainFrame: true, mediaTypes: ['video'] }],
    ['screen capture', 'display-capture', { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] }],
    ['notifications', 'notifications', { requestingUrl: app, isMainFrame: true }],
    ['geolocation', 'geolocation', { requestingUrl: app, isMainFrame: true }],
    ['clipboard', 'clipboard-read', { requestingUrl: app, isMainFrame: true }],
  ])('refuses %s', (_name, permission, details) => {
    expect(allowPermissionRequest(permission, details)).toBe(false);
  });
});

describe('allowPermissionCheck', () => {
  it('answers yes only for the camera from the app origin', () => {
    expect(allowPermissionCheck('media', 'app://agent', { isMainFrame: true, mediaType: 'video', requestingUrl: app })).toBe(true);
    expect(allowPermissionCheck('media', 'app://agent', { isMainFrame: true })).toBe(true);
    expect(allowPermissionCheck('media', 'app://agent', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'https://example.com', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('media', 'app://agent', { isMainFrame: true, mediaType: 'video', requestingUrl: 'https://example.com/' })).toBe(false);
    expect(allowPermissionCheck('notifications', 'app://agent', { isMainFrame: true })).toBe(false);
  });
});
