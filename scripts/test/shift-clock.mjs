// Preloaded with `node --import` (through NODE_OPTIONS, so every Node process of a test run gets it)
// to move this process's clock TEST_CLOCK_SHIFT_DAYS days ahead. A test that pins "now" keeps
// passing; a test that mixes a fixed date with the wall clock fails, as it would once the calendar
// moves on. Only the current time moves: dates built from explicit values are unchanged.
import http from 'node:http';

const days = Number(process.env.TEST_CLOCK_SHIFT_DAYS ?? '0');
if (!Number.isFinite(days)) throw new Error(`TEST_CLOCK_SHIFT_DAYS must be a number of days, got ${process.env.TEST_CLOCK_SHIFT_DAYS}`);

if (days !== 0 && !globalThis.__telework_clock_shifted__) {
  const shiftMs = days * 24 * 60 * 60 * 1000;
  const RealDate = globalThis.Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shiftMs);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shiftMs;
    }
    // Dates made outside this class (structuredClone, other realms, native code) still count as dates.
    static [Symbol.hasInstance](value) {
      return value instanceof RealDate;
    }
  }
  // Some code copies Date's own static members onto a wrapper of its own (Next.js does): make UTC
  // and parse own members too, not only inherited ones.
  for (const name of Object.getOwnPropertyNames(RealDate)) {
    if (!Object.prototype.hasOwnProperty.call(ShiftedDate, name)) {
      Object.defineProperty(ShiftedDate, name, Object.getOwnPropertyDescriptor(RealDate, name));
    }
  }
  // Date() called without `new` returns the current time as a string.
  const ShiftedDateFunction = new Proxy(ShiftedDate, {
    apply: () => new ShiftedDate().toString(),
  });
  globalThis.Date = ShiftedDateFunction;
  globalThis.__telework_clock_shifted__ = shiftMs;

  // Node's HTTP server writes its Date header from the real clock (its internals keep the original
  // Date): a client that corrects its clock from that header (the AWS SDK does) would disagree with
  // this process. Write the header from the shifted clock instead, as a server on that day would.
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    const response = args[1];
    if (event === 'request' && response instanceof http.ServerResponse && !response.headersSent) {
      response.setHeader('Date', new ShiftedDate().toUTCString());
    }
    return emit.call(this, event, ...args);
  };
}
