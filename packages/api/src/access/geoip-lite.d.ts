// geoip-lite ships no types; only the lookup we use is declared.
declare module 'geoip-lite' {
  export interface Lookup {
    country: string;
    region: string;
    city: string;
  }
  export function lookup(ip: string): Lookup | null;
  const geoip: { lookup: typeof lookup };
  export default geoip;
}
