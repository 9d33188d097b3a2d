/**
 * The operating system as people name it, sent when the agent registers its PC (the console's devices
 * list shows it). Node reports Windows 11 as platform "win32", release "10.0.<build>": builds from 22000
 * on are Windows 11 (Microsoft kept the 10.0 version number).
 */
export function osName(platform: string, release: string): string {
  if (platform === 'win32') {
    const [major, , build] = release.split('.').map(Number);
    if (major === 10 && build !== undefined && build >= 22000) return 'Windows 11';
    if (major === 10) return 'Windows 10';
    return 'Windows';
  }
  if (platform === 'darwin') return 'macOS';
  if (platform === 'linux') return 'Linux';
  return platform;
}
